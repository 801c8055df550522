import type { KubeHarness } from './harness'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { demoStateSchema } from '../../../common/protocol'
import { line } from '../../helpers/timeline'
import { podinfoPod, podinfoReplicaSet, REVISION, START_COLOR, START_REPLICASET } from './fake-api/seed'
import { app, connectedHarnessPerTest, startHarness } from './harness'

describe('kube backend: state from the watches', () => {
  let harness: KubeHarness
  beforeEach(async () => {
    harness = await startHarness()
  })
  afterEach(async () => {
    await harness.close()
  })

  it('lists every Application, podinfo\'s workload and says connected, live', async () => {
    await expect.poll(() => harness.state().cluster.connection).toBe('connected')
    const state = harness.state()
    expect(demoStateSchema.parse(state)).toBeTruthy()
    expect(state.mode).toBe('live')
    expect(state.cluster.name).toBe('fake-ops-demo')
    expect(state.applications.map(a => a.name)).toEqual(expect.arrayContaining(['podinfo', 'root']))
    expect(app(state, 'podinfo')).toMatchObject({
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
      revision: REVISION,
      sourcePath: 'manifests/apps/podinfo',
      automated: { prune: true, selfHeal: true },
      operation: { phase: 'Succeeded', initiatedBy: 'automated' },
    })
    expect(state.podinfo).toMatchObject({
      desiredReplicas: 2,
      readyReplicas: 2,
      image: 'ghcr.io/stefanprodan/podinfo:6.9.2',
      color: START_COLOR,
      message: 'Hallo vanuit GitOps / Hello from GitOps',
    })
    expect(state.podinfo.pods).toHaveLength(2)
    expect(state.podinfo.pods[0]).toMatchObject({
      phase: 'Running',
      ready: true,
      replicaSet: START_REPLICASET,
      color: START_COLOR,
    })
    expect(state.podinfo.replicaSets).toEqual([
      {
        name: START_REPLICASET,
        revision: 1,
        replicas: 2,
        readyReplicas: 2,
        color: START_COLOR,
      },
    ])
    expect(JSON.stringify(state)).not.toContain('fake-token')
  })

  it('follows OutOfSync, Progressing/Degraded and operation phases into the state and the timeline', async () => {
    await expect.poll(() => harness.state().cluster.connection).toBe('connected')
    const { fake } = harness
    fake.update('applications', 'argocd', 'podinfo', (object) => {
      const status = object.status as Record<string, any>
      status.sync.status = 'OutOfSync'
      status.resources[1].status = 'OutOfSync'
    })
    await expect.poll(() => app(harness.state(), 'podinfo').syncStatus).toBe('OutOfSync')
    expect(app(harness.state(), 'podinfo').message).toContain('Deployment podinfo/podinfo')

    fake.update('applications', 'argocd', 'podinfo', (object) => {
      const status = object.status as Record<string, any>
      status.operationState = {
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt: '2026-11-20T14:00:00Z',
        operation: {
          initiatedBy: { automated: true },
        },
      }
      status.health.status = 'Progressing'
    })
    await expect.poll(() => app(harness.state(), 'podinfo').operation?.phase).toBe('Running')
    expect(app(harness.state(), 'podinfo').healthStatus).toBe('Progressing')

    fake.update('applications', 'argocd', 'podinfo', (object) => {
      const status = object.status as Record<string, any>
      status.operationState = {
        phase: 'Failed',
        message: 'one or more objects failed to apply',
        startedAt: '2026-11-20T14:00:00Z',
        finishedAt: '2026-11-20T14:00:05Z',
      }
      status.health.status = 'Degraded'
    })
    await expect.poll(() => app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Failed', finishedAt: '2026-11-20T14:00:05Z' })
    expect(app(harness.state(), 'podinfo').healthStatus).toBe('Degraded')
    const argocdLines = harness.state().timeline.filter(entry => entry.source === 'argocd').map(line)
    expect(argocdLines).toEqual(expect.arrayContaining([
      expect.stringContaining('podinfo: OutOfSync'),
      'podinfo: auto-sync started',
      expect.stringContaining('podinfo: sync failed'),
      'podinfo: health Degraded',
    ]))
  })

  it('shows a rollout: colour from the Deployment env, new ReplicaSet, Terminating and Pending pods, Events', async () => {
    await expect.poll(() => harness.state().cluster.connection).toBe('connected')
    const { fake } = harness
    const next = 'podinfo-5b8c7f9d4e'
    fake.update('deployments', 'podinfo', 'podinfo', (object) => {
      const env = ((object.spec as any).template.spec.containers[0].env) as { name: string, value: string }[]
      env[0]!.value = '#ff8800'
      ;(object.status as any).updatedReplicas = 0
    })
    fake.put('replicasets', podinfoReplicaSet(next, 2, '#ff8800', 1))
    fake.put('pods', podinfoPod(`${next}-klmno`, next, '#ff8800', false))
    fake.update('pods', 'podinfo', `${START_REPLICASET}-abcde`, (object) => {
      object.metadata.deletionTimestamp = '2026-11-20T14:01:00Z'
    })
    fake.put('events', {
      metadata: { name: 'podinfo.2', namespace: 'podinfo' },
      involvedObject: { kind: 'Deployment', name: 'podinfo' },
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set ${next} from 0 to 1`,
      type: 'Normal',
      count: 1,
    })

    await expect.poll(() => harness.state().podinfo.pods.length).toBe(3)
    const { podinfo } = harness.state()
    expect(podinfo.color).toBe('#ff8800')
    expect(podinfo.replicaSets?.map(rs => [rs.name, rs.revision, rs.color])).toEqual([
      [next, 2, '#ff8800'],
      [START_REPLICASET, 1, START_COLOR],
    ])
    expect(podinfo.pods.find(pod => pod.name.endsWith('abcde'))).toMatchObject({ phase: 'Terminating' })
    expect(podinfo.pods.find(pod => pod.name.endsWith('klmno'))).toMatchObject({ phase: 'Pending', ready: false, color: '#ff8800' })
    await expect.poll(() => harness.state().timeline.filter(entry => entry.source === 'kubernetes').map(line))
      .toContain(`ScalingReplicaSet deployment/podinfo Scaled up replica set ${next} from 0 to 1`)
    // The Event already there at startup is history, not a new timeline line.
    expect(harness.state().timeline.some(entry => line(entry).includes(`${START_REPLICASET} from 0 to 2`))).toBe(false)
  })
})

describe('kube backend: what Argo CD itself writes', () => {
  let harness: KubeHarness
  connectedHarnessPerTest(started => harness = started)

  const argocdLines = () => harness.state().timeline.filter(entry => entry.source === 'argocd').map(line)
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z')

  /** What the application controller does for an automated sync (util/argo SetAppOperation, then setOperationState). */
  function controllerSyncs(operation: Record<string, unknown>) {
    const { fake } = harness
    fake.update('applications', 'argocd', 'podinfo', (object) => {
      object.operation = operation
      delete (object.status as Record<string, unknown>).operationState
    })
    const startedAt = now()
    fake.update('applications', 'argocd', 'podinfo', (object) => {
      (object.status as Record<string, unknown>).operationState = {
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt,
        operation,
      }
    })
    fake.update('applications', 'argocd', 'podinfo', (object) => {
      delete object.operation
      ;(object.status as Record<string, unknown>).operationState = {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt,
        finishedAt: now(),
        operation,
        syncResult: { revision: REVISION, source: (object.spec as { source: unknown }).source, resources: [] },
      }
    })
  }

  it('an auto-sync is "auto-sync started" once, never a manual "sync"', async () => {
    controllerSyncs({
      sync: { revision: REVISION, prune: true },
      initiatedBy: { automated: true },
      retry: { limit: 5 },
    })
    await expect.poll(argocdLines).toContain('podinfo: sync succeeded at 4f1c2a9')
    expect(argocdLines().filter(text => text.includes('started'))).toEqual(['podinfo: auto-sync started'])
    expect(app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Succeeded', initiatedBy: 'automated' })
  })

  it('a self-heal is "self-heal started" with its attempt (autoHealAttemptsCount)', async () => {
    controllerSyncs({
      sync: { revision: REVISION, prune: true, autoHealAttemptsCount: 2 },
      initiatedBy: { automated: true },
      retry: { limit: 5 },
    })
    await expect.poll(argocdLines).toContain('podinfo: sync succeeded at 4f1c2a9')
    expect(argocdLines().filter(text => text.includes('started'))).toEqual(['podinfo: self-heal started (attempt 2)'])
  })

  it('shows multi-source Applications as Argo CD does (only status.sync.revisions: the first, "and (N) more")', async () => {
    const state = harness.state()
    for (const name of ['metallb', 'ingress-nginx', 'prometheus-grafana']) {
      const shown = app(state, name)
      expect(shown.revisions?.slice(1).every(revision => revision === REVISION), name).toBe(true)
      expect(shown.revision, name).toBe(shown.revisions?.[0])
    }
    const next = 'a'.repeat(40)
    harness.fake.update('applications', 'argocd', 'prometheus-grafana', (object) => {
      const sync = (object.status as { sync: { revisions: string[] } }).sync
      sync.revisions = ['78.3.2', next, next]
    })
    await expect.poll(() => app(harness.state(), 'prometheus-grafana').revisions).toEqual(['78.3.2', next, next])
    expect(app(harness.state(), 'prometheus-grafana').revision).toBe('78.3.2')
    expect(argocdLines()).toContain('prometheus-grafana: new revision 78.3.2 and (2) more')
  })

  it('shows the self-heal backoff Argo CD is waiting out (0, 2, 6, 18, 54, 162 s … 300 s after the last sync)', async () => {
    // Two self-heals happened; the last finished a second ago. Argo CD waits 6 s after it for the third.
    harness.fake.update('applications', 'argocd', 'podinfo', (object) => {
      const status = object.status as Record<string, any>
      status.operationState.operation.sync.autoHealAttemptsCount = 2
      status.operationState.finishedAt = new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z')
    })
    await expect.poll(() => harness.state().timeline.length).toBeGreaterThan(0)
    harness.fake.update('applications', 'argocd', 'podinfo', (object) => {
      const status = object.status as Record<string, any>
      status.sync.status = 'OutOfSync'
      status.resources[1].status = 'OutOfSync'
    })
    await expect.poll(argocdLines).toContainEqual(expect.stringMatching(/^podinfo: self-heal waits [45] s \(attempt 3\)$/))
    const waits = harness.state().timeline.filter(entry => entry.kind === 'app.selfHealBackoff')
    expect(waits).toHaveLength(1)
  })
})
