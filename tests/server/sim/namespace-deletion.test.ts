// Demo 4 on the simulation: `kubectl delete namespace podinfo`, step by step, held against what Kubernetes v1.33 and
// Argo CD v3.4.7 do (each step names the upstream code it follows), and the refusals before anything is deleted.
import type { ActionResult, DemoState } from '../../../common/protocol'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { podinfoApp, settled } from '../../../common/demo-state'
import { timelineText } from '../../../common/words/timeline'
import { RefusedError } from '../../../server/backend'
import { SimBackend } from '../../../server/sim/backend'
import { ManualClock } from '../../../server/sim/clock'
import { seededRandom } from '../../../server/support/seeded-random'
import { prepareSource, repoRoot } from '../helpers'

interface Run {
  sim: SimBackend
  clock: ManualClock
  step: () => Promise<void>
  until: (what: string, test: (state: DemoState) => boolean, limitMs?: number) => Promise<number>
  close: () => Promise<void>
}

const runs: Run[] = []
afterEach(async () => {
  await Promise.all(runs.splice(0).map(run => run.close()))
})

/** The simulation on a manual clock, settled at its starting point. `seed` places ingress-nginx's status tick. */
async function startSim(options: { root?: string, seed?: number } = {}): Promise<Run> {
  const clock = new ManualClock()
  const sim = new SimBackend({
    sourceRoot: options.root ?? repoRoot,
    clock,
    random: seededRandom(options.seed ?? 2),
  })
  await sim.start()
  const step = async () => {
    clock.advance(100)
    await sim.idle()
  }
  const until = async (what: string, test: (state: DemoState) => boolean, limitMs = 120_000) => {
    const from = clock.now()
    while (!test(sim.getState())) {
      if (clock.now() - from > limitMs)
        throw new Error(`never reached: ${what}`)
      await step()
    }
    return clock.now() - from
  }
  const run = {
    sim,
    clock,
    step,
    until,
    close: () => sim.close(),
  }
  runs.push(run)
  await until('the starting point', settled)
  return run
}

const seconds = (ms: number) => Math.round(ms / 100) / 10

describe('demo 4 on the simulation: the namespace deleted, and rebuilt by Argo CD from git', () => {
  it('goes Terminating, pods first, then Missing, a self-heal that fails with the API server\'s 403, a retry that recreates the namespace, Synced and Healthy', async () => {
    const { sim, clock, until } = await startSim()
    const start = sim.getState()
    const revision = podinfoApp(start)!.revision
    const from = start.timeline.length
    const t0 = clock.now()
    expect(start.podinfo.namespace).toEqual({ name: 'podinfo', phase: 'Active' })

    await expect(sim.perform({ type: 'drift.deleteNamespace' })).resolves.toEqual({})
    // storage.go Delete: deletionTimestamp and phase Terminating at once; the pods, the Deployment, the Service and the
    // Ingress are untouched until the namespace controller's first pass (namespaceDeletionGracePeriod = 5 s).
    expect(sim.getState().podinfo.namespace?.phase).toBe('Terminating')
    await until('4.9 s', () => clock.now() - t0 >= 4900)
    expect(sim.getState().podinfo.pods.every(pod => pod.phase === 'Running' && pod.ready)).toBe(true)
    expect(podinfoApp(sim.getState())).toMatchObject({ syncStatus: 'Synced', healthStatus: 'Healthy' })

    // Pass 1 (OrderedNamespaceDeletion, on in 1.33): the pods only; the ReplicaSet's replacements are refused (403)
    // and dropped; the Deployment's updatedReplicas falls to 0: Progressing (health_deployment.go 44-48), still Synced.
    await until('pods terminating', state => state.podinfo.pods.length > 0 && state.podinfo.pods.every(pod => pod.phase === 'Terminating'))
    expect(seconds(clock.now() - t0)).toBe(5)
    expect(podinfoApp(sim.getState())).toMatchObject({ syncStatus: 'Synced', healthStatus: 'Progressing' })
    expect(sim.getState().podinfo.desiredReplicas).toBe(2)

    // podinfo drains 3 s on SIGTERM (shutdown.go 54-56), the kubelet removes the pod: gone at 8.5 s.
    await until('no pods', state => state.podinfo.pods.length === 0)
    expect(seconds(clock.now() - t0)).toBe(8.5)

    // Pass 2 at 10 s (the controller's own status write requeued it 5 s later): every other type is deleted; Argo CD
    // finds nothing live (controller/health.go 90-93: Missing) and every resource OutOfSync (state.go 920-930).
    await until('the Deployment deleted', state => state.podinfo.desiredReplicas === 0)
    expect(seconds(clock.now() - t0)).toBe(10)
    expect(podinfoApp(sim.getState())?.healthStatus).toBe('Missing')
    await until('OutOfSync', state => podinfoApp(state)?.syncStatus === 'OutOfSync')
    expect(seconds(clock.now() - t0)).toBe(11)
    // autoSync (appcontroller.go 2306-2333): selfHeal, attempt 1, with the automated RetryStrategy{Limit: 5} (2288).
    expect(podinfoApp(sim.getState())?.operation).toMatchObject({ phase: 'Running', initiatedBy: 'self-heal' })

    // The sync found the namespace (Terminating): no namespace task (sync_namespace.go 26-28); each create is 403.
    await until('the first attempt failed', state => podinfoApp(state)?.operation?.retry?.count === 1)
    expect(seconds(clock.now() - t0)).toBe(12)
    expect(sim.getState().podinfo.namespace?.phase).toBe('Terminating')
    expect(podinfoApp(sim.getState())?.operation).toMatchObject({
      phase: 'Running',
      message: expect.stringMatching(/^one or more objects failed to apply, reason: services "podinfo" is forbidden: unable to create new content in namespace podinfo because it is being terminated,deployments\.apps "podinfo" is forbidden: .*,ingresses\.networking\.k8s\.io "podinfo" is forbidden: unable to create new content in namespace podinfo because it is being terminated\. Retrying attempt #1 at 2:\d\dPM\.$/),
      retry: { count: 1, limit: 5 },
    })

    await until('the namespace gone', state => state.podinfo.namespace?.phase === 'Gone')
    expect(seconds(clock.now() - t0)).toBe(12.5)

    // The retry (appcontroller.go 1509: FinishedAt + 5 s × 2^1 = 10 s later) finds no namespace: CreateNamespace=true
    // creates it before the dry run (sync_context.go 499-510), then the resources: Succeeded.
    await until('the namespace created', state => state.podinfo.namespace?.phase === 'Active')
    expect(seconds(clock.now() - t0)).toBe(22)
    await until('Synced', state => podinfoApp(state)?.syncStatus === 'Synced')
    expect(seconds(clock.now() - t0)).toBe(23)
    expect(podinfoApp(sim.getState())).toMatchObject({
      healthStatus: 'Progressing',
      revision,
      operation: { phase: 'Succeeded', initiatedBy: 'self-heal' },
    })

    // The new pods are ready at 26 s; the new Ingress stays Progressing (health_ingress.go) until ingress-nginx's
    // status tick writes its address (status.go: every 60 s, not on create).
    await until('pods ready', state => state.podinfo.readyReplicas === 2)
    expect(seconds(clock.now() - t0)).toBe(26)
    const waitedForIngress = await until('Healthy', settled)
    expect(seconds(clock.now() - t0)).toBeLessThanOrEqual(23 + 60)
    expect(podinfoApp(sim.getState())?.revision).toBe(revision)
    expect(waitedForIngress).toBeGreaterThanOrEqual(0)

    const lines = sim.getState().timeline.slice(from).filter(entry => entry.source !== 'kubernetes' || entry.kind.startsWith('k8s.namespace')).map(entry => `+${seconds(Date.parse(entry.at) - t0)}s ${timelineText(entry, 'en')}`)
    expect(lines.slice(0, -1)).toEqual([
      '+0s $ kubectl delete namespace podinfo',
      '+0s namespace podinfo: Terminating, its content is deleted (pods first)',
      '+5s podinfo: health Progressing',
      '+10s podinfo: health Missing',
      '+11s podinfo: OutOfSync (differs from git: Service podinfo/podinfo, Deployment podinfo/podinfo, Ingress podinfo/podinfo)',
      '+11s podinfo: self-heal started (attempt 1)',
      // The slide says the API server's refusal once; the full message (every object) is the operation's, above.
      '+12s podinfo: sync failed, retry 1 of 5 in 10 s: … forbidden: unable to create new content in namespace podinfo because it is being terminated',
      '+12.5s namespace podinfo is gone',
      '+22s podinfo: sync retry 1 of 5 started',
      '+22s namespace podinfo created',
      '+23s podinfo: health Progressing',
      `+23s podinfo: sync succeeded at ${revision!.slice(0, 7)}`,
      `+23s podinfo: Synced at ${revision!.slice(0, 7)}`,
    ])
    expect(lines.at(-1)).toMatch(/^\+\d+(\.\d)?s podinfo: health Healthy$/)
  })
})

describe('demo 4 is refused where Argo CD would not bring the namespace back', () => {
  const refusal = async (run: Run): Promise<unknown> => {
    const result: Promise<ActionResult> = run.sim.perform({ type: 'drift.deleteNamespace' })
    const error = await result.then(() => undefined, (failure: unknown) => failure)
    expect(error).toBeInstanceOf(RefusedError)
    expect(run.sim.getState().podinfo.namespace?.phase).toBe('Active')
    expect(run.sim.getState().timeline.some(entry => entry.kind === 'command' && entry.command.includes('delete namespace'))).toBe(false)
    return error instanceof RefusedError
      ? { problem: error.problem, message: error.message }
      : error
  }

  it('without CreateNamespace=true, or without self-heal', async () => {
    const edit = (from: RegExp, to: string) => async (root: string) => {
      const file = join(root, 'apps/apps/podinfo.yaml')
      await writeFile(file, (await readFile(file, 'utf8')).replace(from, to))
    }
    const noCreate = await prepareSource(edit(/- CreateNamespace=true/, '- ServerSideApply=true'))
    const noHeal = await prepareSource(edit(/selfHeal:\s*true/, 'selfHeal: false'))
    try {
      expect(await refusal(await startSim({ root: noCreate.root }))).toEqual({
        problem: { kind: 'noCreateNamespace', app: 'podinfo' },
        message: 'refused: podinfo\'s Application has no CreateNamespace=true, so Argo CD would not bring the namespace back',
      })
      expect(await refusal(await startSim({ root: noHeal.root }))).toEqual({
        problem: { kind: 'noSelfHeal', app: 'podinfo' },
        message: 'refused: podinfo\'s Application has no automated self-heal, so nothing would bring the namespace back',
      })
    }
    finally {
      await noCreate.dispose()
      await noHeal.dispose()
    }
  })

  it('when podinfo is not Synced and Healthy, and while the namespace is already going', async () => {
    const run = await startSim()
    await run.sim.perform({ type: 'drift.scale', replicas: 4 })
    await run.until('OutOfSync', state => podinfoApp(state)?.syncStatus === 'OutOfSync')
    expect(await refusal(run)).toMatchObject({
      problem: { kind: 'notSettled', app: 'podinfo', sync: 'OutOfSync' },
    })
    await run.until('healed', settled)
    await run.sim.perform({ type: 'drift.deleteNamespace' })
    await expect(run.sim.perform({ type: 'drift.deleteNamespace' })).rejects.toMatchObject({
      problem: { kind: 'namespaceNotActive', namespace: 'podinfo', phase: 'Terminating' },
      message: 'refused: namespace podinfo is already being deleted',
    })
  })
})
