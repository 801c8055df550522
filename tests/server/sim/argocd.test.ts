// The modelled Argo CD retries a failed sync as Argo CD v3.4.7 does, with the events the live backend narrates from
// the real Application (app.syncRetrying, app.syncRetryStarted, then app.syncFailed "(retried N times)."): the
// Application's own retry, the backoff step after each failure (kit/sync-retry.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseApplications, parsePodinfoDeployment, PODINFO_DEPLOYMENT_PATH } from '../../../common/manifests'
import { timelineText } from '../../../common/words/timeline'
import { SimArgoCd } from '../../../server/sim/argocd'
import { ManualClock } from '../../../server/sim/clock'
import { SimCluster } from '../../../server/sim/cluster'
import { defaultTimings } from '../../../server/sim/timings'
import { Timeline } from '../../../server/support/timeline'

const root = join(import.meta.dirname, '../../..')
const GOOD = 'a'.repeat(40)
const BROKEN = 'b'.repeat(40)

/** Lets the model's promise chains (git reads) run between clock steps. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++)
    await new Promise(resolve => setImmediate(resolve))
}

describe('the simulation\'s Argo CD retries a failed sync', () => {
  it('keeps the operation Running through the retries, says each, and fails after the last', async () => {
    const deployment = readFileSync(join(root, PODINFO_DEPLOYMENT_PATH), 'utf8')
    // podinfo with a retry of its own: two retries, 1 s doubled.
    const application = readFileSync(join(root, 'apps/apps/podinfo.yaml'), 'utf8')
      .replace('    syncOptions:', '    retry:\n      limit: 2\n      backoff:\n        duration: 1s\n    syncOptions:')
    const [spec] = parseApplications(application, 'apps/apps/podinfo.yaml')
    expect(spec?.retry).toMatchObject({
      limit: 2,
      backoff: { duration: '1s' },
    })
    const clock = new ManualClock()
    const timeline = new Timeline(clock.now)
    const cluster = new SimCluster(clock, defaultTimings, {
      changed: () => {},
      specChanged: () => {},
      event: () => {},
    }, () => 0.5)
    const podinfo = parsePodinfoDeployment(deployment)!
    cluster.bootstrap(podinfo)
    let head = GOOD
    // The broken revision has no podinfo Deployment: the sync cannot load what it should apply.
    const argocd = new SimArgoCd(clock, defaultTimings, {
      remoteHead: async () => head,
      listFiles: async () => ['manifests/apps/podinfo/deployment.yaml'],
      readFile: async revision => revision === GOOD
        ? deployment
        : '',
    }, cluster, timeline, () => {}, () => 0.5)
    argocd.start([spec!], GOOD, { spec: podinfo, resources: [] })

    head = BROKEN
    argocd.sync('podinfo')
    await settle()
    const operation = () => argocd.snapshot()[0]!.operation
    expect(operation()).toMatchObject({
      phase: 'Running',
      initiatedBy: 'manual',
      retry: { count: 1, limit: 2 },
    })
    clock.advance(2000)
    await settle()
    expect(operation()).toMatchObject({
      phase: 'Running',
      retry: { count: 2, limit: 2 },
    })
    clock.advance(4000)
    await settle()
    expect(operation()).toMatchObject({ phase: 'Failed', message: `no Deployment podinfo under manifests/apps/podinfo at bbbbbbb (retried 2 times).` })
    const at = (entry: { at: string }) => (Date.parse(entry.at) - Date.parse(timeline.list()[0]!.at)) / 1000
    expect(timeline.list().map(entry => `+${at(entry)}s ${timelineText(entry, 'en')}`)).toEqual([
      '+0s podinfo: sync started',
      '+0s podinfo: sync failed, retry 1 of 2 in 2 s: no Deployment podinfo under manifests/apps/podinfo at bbbbbbb',
      '+2s podinfo: sync retry 1 of 2 started',
      '+2s podinfo: sync failed, retry 2 of 2 in 4 s: no Deployment podinfo under manifests/apps/podinfo at bbbbbbb',
      '+6s podinfo: sync retry 2 of 2 started',
      '+6s podinfo: sync failed: no Deployment podinfo under manifests/apps/podinfo at bbbbbbb (retried 2 times).',
    ])
    argocd.close()
    cluster.close?.()
  })
})
