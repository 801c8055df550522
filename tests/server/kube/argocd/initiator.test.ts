// Who started an operation, and whether it changes anything. `argocd app sync podinfo --dry-run` makes the API server
// write an operation with dryRun (server/application/application.go 2028-2143); a dry run writes no history and asks for
// no refresh (ctl 1604, controller/sync.go 392). An operation written with `kubectl patch` (as Argo CD's docs show for
// syncing without the CLI) may name no initiator: Argo CD's UI then says "INITIATED BY: Unknown"
// (application-operation-state.tsx 129-137).
import { describe, expect, it } from 'vitest'
import { timelineText } from '../../../../common/words/timeline'
import { REVISION } from '../fake-api/seed'
import { app } from '../harness'
import { argoLines, podinfoResources, startReplay } from './argo-cd'
import { uiInitiatedBy } from './argo-views'

describe('who started an operation, and a dry run', () => {
  it('calls a dry run a dry run, that changed nothing', async () => {
    const { harness, argo, clock } = await startReplay()
    await argo.compare({
      sync: 'OutOfSync',
      resources: podinfoResources('Deployment'),
    })
    await argo.setOperation({
      sync: {
        revision: REVISION,
        prune: true,
        dryRun: true,
        syncStrategy: { hook: {} },
        source: argo.stored.spec?.source,
      } as never,
      initiatedBy: { username: 'admin' },
      retry: {},
    })
    expect(app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Running', initiatedBy: 'manual', dryRun: true })
    await argo.start()
    clock.advance(1)
    await argo.succeed(argo.syncResult(REVISION, [
      {
        group: 'apps',
        kind: 'Deployment',
        name: 'podinfo',
        message: 'deployment.apps/podinfo configured (dry run)',
      },
    ]))
    expect(app(harness.state(), 'podinfo')).toMatchObject({
      syncStatus: 'OutOfSync',
      operation: { phase: 'Succeeded', dryRun: true },
    })
    const events = harness.state().timeline.filter(entry => entry.source === 'argocd' && entry.kind !== 'apps.summary')
    expect(argoLines(events)).toEqual([
      'podinfo: OutOfSync (differs from git: Deployment podinfo/podinfo)',
      'podinfo: dry-run sync started (changes nothing)',
      'podinfo: dry-run sync succeeded (nothing changed)',
    ])
    expect(events.slice(1).map(entry => timelineText(entry, 'nl'))).toEqual([
      'podinfo: dry-run-sync gestart (verandert niets)',
      'podinfo: dry-run-sync geslaagd (niets veranderd)',
    ])
  })

  it('says "initiator unknown" for an operation that names none, not "sync" as if the presenter asked', async () => {
    // The last operation was set this way too: no initiator in the stored operationState either.
    const { harness, argo, clock } = await startReplay((fake) => {
      fake.update('applications', 'argocd', 'podinfo', (object) => {
        delete (object.status as { operationState: { operation: { initiatedBy?: unknown } } }).operationState.operation.initiatedBy
      })
    })
    await argo.patch({
      operation: {
        sync: { revision: 'main', prune: true },
      },
    })
    expect(app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Running', initiatedBy: 'unknown' })
    await argo.start()
    clock.advance(1)
    await argo.succeed(argo.syncResult(REVISION, []))
    expect(app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Succeeded', initiatedBy: 'unknown' })
    expect(uiInitiatedBy(argo.stored)).toBe('Unknown')
    const started = harness.state().timeline.find(entry => entry.kind === 'app.syncStarted')!
    expect([
      timelineText(started, 'en'),
      timelineText(started, 'nl'),
    ]).toEqual([
      'podinfo: sync started (initiator unknown)',
      'podinfo: sync gestart (aanvrager onbekend)',
    ])
  })
})
