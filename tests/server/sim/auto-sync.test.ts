// The modelled Argo CD's autoSync held against v3.4.7's (controller/appcontroller.go 2227-2374): a failed last sync
// stops auto-sync and self-heal at its revision with a SyncError condition (2300-2305) until a new revision or a manual
// sync; the self-heal backoff ends in a refresh from git (2317-2321), so a commit pushed during it is auto-synced.
import type { ApplicationState } from '../../../common/protocol'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseApplications, parseManifestResources, parsePodinfoDeployment, PODINFO_DEPLOYMENT_PATH } from '../../../common/manifests'
import { timelineText } from '../../../common/words/timeline'
import { SimArgoCd } from '../../../server/sim/argocd'
import { ManualClock } from '../../../server/sim/clock'
import { SimCluster } from '../../../server/sim/cluster'
import { defaultTimings } from '../../../server/sim/timings'
import { Timeline } from '../../../server/support/timeline'

const root = join(import.meta.dirname, '../../..')
const FIRST = 'a'.repeat(40)
const SECOND = 'c'.repeat(40)
const deployment = readFileSync(join(root, PODINFO_DEPLOYMENT_PATH), 'utf8')
const colorIn = (yaml: string) => parsePodinfoDeployment(yaml)!.template.color
const SECOND_COLOR = '#00aa55'
const secondDeployment = deployment.replace(`"${colorIn(deployment)}"`, `"${SECOND_COLOR}"`)

/** Lets the model's promise chains (git reads) run between clock steps. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++)
    await new Promise(resolve => setImmediate(resolve))
}

/**
 * podinfo's Application (`edit` changes its YAML) on a modelled cluster, git at FIRST; `push` moves the branch head
 * to SECOND (another colour) without telling Argo CD.
 */
function startModel(edit: (yaml: string) => string = yaml => yaml) {
  const application = edit(readFileSync(join(root, 'apps/apps/podinfo.yaml'), 'utf8'))
  const [spec] = parseApplications(application, 'apps/apps/podinfo.yaml')
  const clock = new ManualClock()
  const timeline = new Timeline(clock.now)
  let argocd: SimArgoCd | undefined
  const cluster = new SimCluster(clock, defaultTimings, {
    changed: () => argocd?.liveStatusChanged(),
    specChanged: () => argocd?.liveSpecChanged(),
    event: () => {},
  }, () => 0.5)
  const podinfo = parsePodinfoDeployment(deployment)!
  const resources = parseManifestResources(deployment)
  expect(resources.map(resource => resource.kind)).toEqual(['Deployment'])
  cluster.bootstrap(podinfo, resources)
  let head = FIRST
  argocd = new SimArgoCd(clock, defaultTimings, {
    remoteHead: async () => head,
    listFiles: async () => [PODINFO_DEPLOYMENT_PATH],
    readFile: async revision => revision === SECOND
      ? secondDeployment
      : deployment,
  }, cluster, timeline, () => {}, () => 0.5)
  argocd.start([spec!], FIRST, { spec: podinfo, resources })
  const app = (): ApplicationState => argocd.snapshot()[0]!
  const t0 = clock.now()
  return {
    clock,
    cluster,
    argocd,
    app,
    push: () => {
      head = SECOND
    },
    /** Steps the clock 100 ms at a time until `test` holds; throws after `limitMs`. */
    until: async (what: string, test: () => boolean, limitMs = 60_000) => {
      const from = clock.now()
      await settle()
      while (!test()) {
        if (clock.now() - from > limitMs)
          throw new Error(`never reached: ${what}`)
        clock.advance(100)
        await settle()
      }
    },
    /** Lets `ms` pass, 100 ms at a time. */
    pass: async (ms: number) => {
      for (let step = 0; step < ms / 100; step++) {
        clock.advance(100)
        await settle()
      }
    },
    /** The timeline from the start, "+<s>s <English line>". */
    story: () => timeline.list().map(entry => `+${(Date.parse(entry.at) - t0) / 1000}s ${timelineText(entry, 'en')}`),
    close: () => {
      argocd.close()
      cluster.close()
    },
  }
}

describe('the self-heal backoff ends in a refresh from git', () => {
  it('auto-syncs a commit pushed during the wait at its revision, rather than healing the old one', async () => {
    const model = startModel()
    try {
      // A first drift is healed at once (attempt 1, no backoff).
      model.cluster.setTemplate({ color: '#ff0000' })
      await model.until('the first heal started', () => model.app().operation?.initiatedBy === 'self-heal')
      await model.until('the first heal done', () => model.app().operation?.phase === 'Succeeded' && model.app().syncStatus === 'Synced')
      // A second drift waits out the backoff: attempt 2 earns 2 s, counted from the end of the last operation, so about
      // 1 s is left when the drift is seen.
      model.cluster.setTemplate({ color: '#ff0000' })
      await model.until('the backoff', () => model.story().some(line => line.includes('self-heal waits')))
      expect(model.app()).toMatchObject({
        syncStatus: 'OutOfSync',
        revision: FIRST,
        operation: { phase: 'Succeeded', initiatedBy: 'self-heal' },
      })
      // A commit lands in git during the wait; no refresh is asked for.
      model.push()
      await model.until('the next operation', () => model.app().operation?.phase === 'Running')
      expect(model.app()).toMatchObject({
        revision: SECOND,
        operation: { initiatedBy: 'automated' },
      })
      await model.until('synced at the commit', () => model.app().operation?.phase === 'Succeeded' && model.app().syncStatus === 'Synced')
      expect(model.cluster.liveSpec()?.template.color).toBe(SECOND_COLOR)
      const story = model.story()
      const waited = story.findIndex(line => line.includes('self-heal waits'))
      expect(story[waited]).toMatch(/^\+\d+(\.\d+)?s podinfo: self-heal waits 1 s \(attempt 2\)$/)
      expect(story.slice(waited + 1).map(line => line.replace(/^\+[\d.]+s /, ''))).toEqual([
        `podinfo: new revision ${SECOND.slice(0, 7)}`,
        'podinfo: auto-sync started',
        `podinfo: sync succeeded at ${SECOND.slice(0, 7)}`,
        `podinfo: Synced at ${SECOND.slice(0, 7)}`,
      ])
    }
    finally {
      model.close()
    }
  })
})

describe('a sync that failed stops autoSync at its revision', () => {
  // podinfo without CreateNamespace=true and with one quick retry: once its namespace is gone, no sync can bring the
  // Deployment back (namespaces "podinfo" not found).
  const edit = (yaml: string) => yaml.replace('    syncOptions:\n      - CreateNamespace=true', '    retry:\n      limit: 1\n      backoff:\n        duration: 1s')

  it('heals no more, says SyncError "Failed last sync attempt to [<sha>]: …", and a manual sync clears it', async () => {
    const model = startModel(edit)
    try {
      expect(model.argocd.application('podinfo').spec.syncOptions ?? []).not.toContain('CreateNamespace=true')
      model.cluster.deleteNamespace()
      await model.until('the self-heal failed for good', () => model.app().operation?.phase === 'Failed')
      const failed = model.app().operation!
      expect(failed).toMatchObject({
        initiatedBy: 'self-heal',
        message: 'one or more objects failed to apply, reason: namespaces "podinfo" not found (retried 1 times).',
      })
      const syncError = { type: 'SyncError', message: `Failed last sync attempt to [${FIRST}]: ${failed.message}` }
      await model.until('the SyncError', () => model.app().conditions !== undefined)
      expect(model.app()).toMatchObject({
        syncStatus: 'OutOfSync',
        conditions: [syncError],
      })
      const operations = () => model.story().filter(line => /sync started|self-heal started|self-heal waits/.test(line)).length
      const before = operations()

      // Ten minutes: polls and refreshes compare again, nothing syncs, the condition stays. Not even once the namespace
      // is back: only a new revision or a manual sync moves it.
      model.cluster.createNamespace()
      model.argocd.refresh('podinfo')
      await model.pass(600_000)
      expect(operations()).toBe(before)
      expect(model.app()).toMatchObject({
        syncStatus: 'OutOfSync',
        operation: failed,
        conditions: [syncError],
      })

      model.argocd.sync('podinfo')
      await model.until('the manual sync done', () => model.app().operation?.phase === 'Succeeded' && model.app().syncStatus === 'Synced')
      model.argocd.refresh('podinfo')
      await model.pass(5000)
      expect(model.app().operation).toMatchObject({ initiatedBy: 'manual', phase: 'Succeeded' })
      expect(model.app().conditions).toBeUndefined()
      expect(model.app().message).toBeUndefined()
    }
    finally {
      model.close()
    }
  })

  it('syncs a new revision at once', async () => {
    const model = startModel(edit)
    try {
      model.cluster.deleteNamespace()
      await model.until('the SyncError', () => model.app().conditions?.[0]?.type === 'SyncError', 120_000)
      model.cluster.createNamespace()
      model.push()
      model.argocd.refresh('podinfo')
      await model.until('the new revision synced', () => model.app().operation?.phase === 'Succeeded' && model.app().revision === SECOND)
      expect(model.app().operation).toMatchObject({ initiatedBy: 'automated' })
      expect(model.app().conditions).toBeUndefined()
    }
    finally {
      model.close()
    }
  })
})
