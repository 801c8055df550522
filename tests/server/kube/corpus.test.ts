// The corpus (tests/server/kube/corpus/): real Argo CD v3.4.7 objects, each written by hand after the upstream file or
// Go test it names, run through the fake API server and the real backend (informers → KubeBackend.getState()), and
// held against what the fixture says Argo CD itself derives (its UI, CLI, controller and gitops-engine).
import type { ApplicationState, PodState } from '../../../common/protocol'
import type { KubeObject } from './fake-api/server'
import type { KubeHarness } from './harness'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { z } from 'zod'
import { demoStateSchema } from '../../../common/protocol'
import { argoPodStatusReason, cliConditions, cliSyncPolicy, uiAutoSync, uiInitiatedBy, uiOperation, uiRevision } from './argocd/argo-views'
import { app, informersOf, startHarness } from './harness'

const corpusDir = join(import.meta.dirname, 'corpus')

const fixtureSchema = z.strictObject({
  upstream: z.string().min(1),
  /** The upstream file; a fixture (a Go test's object) followed as is; or assembled from what a named test does. */
  follows: z.union([
    z.literal('file'),
    z.string().regex(/^(fixture|test) \S+$/),
  ]),
  argo: z.record(z.string(), z.unknown()),
  deck: z.record(z.string(), z.unknown()),
  object: z.record(z.string(), z.unknown()),
})

interface Fixture extends z.infer<typeof fixtureSchema> {
  file: string
  name: string
  header: string
  object: KubeObject
}

function load(kind: 'applications' | 'pods' | 'deployments'): Fixture[] {
  const dir = join(corpusDir, kind)
  return readdirSync(dir).filter(file => file.endsWith('.yaml')).sort().map((file) => {
    const text = readFileSync(join(dir, file), 'utf8')
    const parsed = fixtureSchema.parse(parse(text))
    return {
      ...parsed,
      file: `${kind}/${file}`,
      name: basename(file, '.yaml'),
      header: text.split('\n').filter(line => line.startsWith('#')).join('\n'),
      object: parsed.object as KubeObject,
    }
  })
}

const applications = load('applications')
const pods = load('pods')
const deployments = load('deployments')

/** `null` in a fixture's expectation: the deck must not have that field. */
function expectShape(actual: object | undefined, expected: Record<string, unknown>, what: string) {
  expect(actual, what).toBeDefined()
  const present = Object.fromEntries(Object.entries(expected).filter(([, value]) => value !== null))
  expect(actual, what).toMatchObject(present)
  for (const [key, value] of Object.entries(expected)) {
    if (value === null)
      expect((actual as Record<string, unknown>)[key], `${what}: ${key}`).toBeUndefined()
  }
}

/** The objects go where the backend watches: Applications in argocd, podinfo's pods (its label) in podinfo. */
function placed(fixture: Fixture, namespace: string, labels?: Record<string, string>): KubeObject {
  const object = structuredClone(fixture.object)
  const metadata = object.metadata ?? { name: fixture.name }
  object.metadata = {
    ...metadata,
    name: fixture.name,
    namespace,
    labels: labels
      ? {
          ...metadata.labels,
          ...labels,
        }
      : metadata.labels,
  }
  return object
}

describe('the corpus: what each file is', () => {
  it('holds real objects of every kind, each naming the upstream file or test it follows', () => {
    expect(applications.length).toBeGreaterThanOrEqual(20)
    expect(pods.length).toBeGreaterThanOrEqual(15)
    expect(deployments.length).toBeGreaterThanOrEqual(4)
    for (const fixture of [
      ...applications,
      ...pods,
      ...deployments,
    ]) {
      const verb = fixture.follows.startsWith('test ')
        ? 'Assembled from'
        : 'Follows'
      expect(fixture.header, fixture.file).toMatch(new RegExp(`^# ${verb} (argo-cd v3\\.4\\.7|stefanprodan/podinfo 6\\.9\\.2) `))
      expect(fixture.header.replace(/\n# /g, ' '), fixture.file).toContain(fixture.upstream.replace(/^stefanprodan\/podinfo 6\.9\.2 /, ''))
      if (fixture.follows !== 'file')
        expect(fixture.header.replace(/\n# /g, ' '), fixture.file).toContain(fixture.follows.replace(/^(fixture|test) /, ''))
    }
  })

  it.each(applications.map(fixture => [fixture.file, fixture] as const))('%s: says what Argo CD\'s UI and CLI show for it', (_, fixture) => {
    const object = fixture.object
    const ui = fixture.argo.ui as Record<string, unknown>
    const cli = fixture.argo.cli as Record<string, unknown>
    expect({
      operation: uiOperation(object),
      initiatedBy: uiInitiatedBy(object),
      revision: uiRevision(object),
      autoSync: uiAutoSync(object),
    }).toEqual({
      operation: ui.operation,
      initiatedBy: ui.initiatedBy,
      revision: ui.revision,
      autoSync: ui.autoSync,
    })
    expect({
      syncPolicy: cliSyncPolicy(object),
      conditions: cliConditions(object),
    }).toEqual(cli)
  })

  it.each(pods.map(fixture => [fixture.file, fixture] as const))('%s: says what Argo CD\'s controller shows as its Status Reason', (_, fixture) => {
    expect(argoPodStatusReason(fixture.object)).toBe(fixture.argo.statusReason)
  })
})

describe('the corpus through the fake API server and the kube backend', () => {
  let harness: KubeHarness
  beforeAll(async () => {
    harness = await startHarness({}, (fake) => {
      for (const fixture of applications)
        fake.put('applications', placed(fixture, 'argocd'))
      for (const fixture of pods)
        fake.put('pods', placed(fixture, 'podinfo', { 'app.kubernetes.io/name': 'podinfo' }))
    })
    await until(() => harness.state().cluster.connection === 'connected' && harness.state().podinfo.pods.length === pods.length + 2, 'the corpus listed')
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('keeps every state valid for the protocol', () => {
    expect(demoStateSchema.safeParse(harness.state()).error).toBeUndefined()
  })

  it.each(applications.map(fixture => [fixture.file, fixture] as const))('%s: the deck shows what the fixture says', (_, fixture) => {
    expectShape(app(harness.state(), fixture.name), fixture.deck, fixture.file)
  })

  it.each(applications.map(fixture => [fixture.file, fixture] as const))('%s: the deck agrees with Argo CD\'s UI and CLI', (_, fixture) => {
    const shown = app(harness.state(), fixture.name)
    agreesWithArgoCd(fixture.object, shown)
  })

  it.each(pods.map(fixture => [fixture.file, fixture] as const))('%s: STATUS as kubectl and Argo CD show it', (_, fixture) => {
    const pod = harness.state().podinfo.pods.find(candidate => candidate.name === fixture.name)
    expectShape(pod, fixture.deck, fixture.file)
    expect(statusColumn(pod!), fixture.file).toBe(fixture.argo.statusReason)
  })
})

describe('the corpus: Deployments, for podinfo\'s health until Argo CD writes one', () => {
  let harness: KubeHarness
  beforeAll(async () => {
    harness = await startHarness({}, (fake) => {
      fake.update('applications', 'argocd', 'podinfo', (object) => {
        delete (object.status as { health?: unknown }).health
      })
    })
    await until(() => harness.state().cluster.connection === 'connected', 'connected')
  })
  afterAll(async () => {
    await harness?.close()
  })

  it.each(deployments.map(fixture => [fixture.file, fixture] as const))('%s: health as gitops-engine says, spec and status as the deck shows them', async (_, fixture) => {
    const stored = harness.fake.put('deployments', {
      ...placed(fixture, 'podinfo'),
      metadata: {
        ...placed(fixture, 'podinfo').metadata,
        name: 'podinfo',
      },
    })
    await expect.poll(() => informersOf(harness.backend)?.deployments.list()[0]?.metadata?.resourceVersion, { timeout: 10_000 }).toBe(stored.metadata.resourceVersion)
    const { health, ...podinfo } = fixture.deck
    expect(health).toBe(fixture.argo.health)
    expect(app(harness.state(), 'podinfo').healthStatus, fixture.file).toBe(health)
    expectShape(harness.state().podinfo, podinfo, fixture.file)
  })
})

/** expect.poll for a beforeAll (vitest allows it only in a test). */
async function until(done: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !done(); await new Promise(resolve => setTimeout(resolve, 10))) {
    if (Date.now() - started > 10_000)
      throw new Error(`not ${what} after 10 s`)
  }
}

/** kubectl's STATUS column as the deck carries it: the pod's `status` when it says more than its phase. */
function statusColumn(pod: PodState): string {
  return pod.status ?? pod.phase
}

const titles: Record<string, string[]> = {
  'Syncing': ['Running', 'Terminating'],
  'Sync OK': ['Succeeded'],
  'Sync failed': ['Failed'],
  'Sync error': ['Error'],
  'Terminated': ['Terminating'],
}

/**
 * The deck against Argo CD's UI and CLI for the same object. Where they differ on purpose: while `operation` is set
 * the UI says "Syncing" and "INITIATED BY: Unknown" for anything (it has not read the request); the deck shows a
 * Terminating operation as Terminating (the CLI's terminate-op says "operation terminating") and names who asked.
 */
function agreesWithArgoCd(object: KubeObject, shown: ApplicationState) {
  const title = uiOperation(object)
  if (title === undefined)
    expect(shown.operation).toBeUndefined()
  else if (title === 'Deleting')
    expect(shown.deleting).toBe(true)
  else if (title === 'Unknown')
    expect(shown.operation?.initiatedBy).toBe('unknown')
  else
    expect(titles[title]).toContain(shown.operation?.phase)
  const requested = (object as { operation?: { initiatedBy?: { automated?: boolean, username?: string } } }).operation
  const initiator = requested
    ? requested.initiatedBy?.automated
      ? 'automated sync policy'
      : requested.initiatedBy?.username || 'Unknown'
    : uiInitiatedBy(object)
  if (initiator === 'automated sync policy')
    expect(['automated', 'self-heal']).toContain(shown.operation?.initiatedBy)
  else if (initiator === 'Unknown')
    expect(shown.operation?.initiatedBy).toBe('unknown')
  else if (initiator !== undefined)
    expect(shown.operation?.initiatedBy).toBe('manual')
  const [revision, more] = uiRevision(object).split(' and ')
  const unresolved = revision === ((object.spec as { source?: { targetRevision?: string } } | undefined)?.source?.targetRevision ?? '')
  expect(shown.revision).toBe(revision && !unresolved
    ? revision
    : undefined)
  expect(shown.revisions?.length ?? 0).toBe(more
    ? Number(/\((\d+)\)/.exec(more)?.[1]) + 1
    : 0)
  expect(shown.automated !== undefined).toBe(uiAutoSync(object))
  expect(shown.automated?.prune ?? false).toBe(cliSyncPolicy(object) === 'Automated (Prune)')
  expect(cliConditions({
    status: { conditions: shown.conditions },
  })).toBe(cliConditions(object))
}
