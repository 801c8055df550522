// Which revision the deck shows. Argo CD compares at status.sync.revision; a ComparisonError leaves it at the
// targetRevision string (controller/state.go 564-583, 976-981), and before the first comparison there is none. A
// multi-source Application reports status.sync.revisions, one per source, which Argo CD's UI shows as
// "revisions[0] and (N) more" (utils.tsx getAppDefaultSyncRevision/Extra). Replayed on this repository's own
// Applications: podinfo (single source, targetRevision main) and prometheus-grafana (a chart, then this repository).
import { describe, expect, it } from 'vitest'
import { REVISION } from '../fake-api/seed'
import { app } from '../harness'
import { ArgoCdReplay, argoLines, podinfoResources, startReplay } from './argo-cd'

const COMPARISON_ERROR = { type: 'ComparisonError', message: 'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = dial tcp 10.43.12.7:8081: connect: connection refused' }

describe('the revision the deck shows', () => {
  it('has none while Argo CD cannot compare (not the last synced one), and no "new revision" when it is back', async () => {
    const { harness, argo, clock } = await startReplay()
    clock.advance(1)
    await argo.compare({
      sync: 'Unknown',
      revision: 'main',
      resources: podinfoResources().map(resource => ({ ...resource, status: 'Unknown' as const })),
      conditions: [COMPARISON_ERROR],
      reconciled: true,
    })
    expect(app(harness.state(), 'podinfo')).toMatchObject({ syncStatus: 'Unknown', message: COMPARISON_ERROR.message })
    expect(app(harness.state(), 'podinfo').revision).toBeUndefined()
    clock.advance(180)
    await argo.compare({
      sync: 'Synced',
      revision: REVISION,
      resources: podinfoResources(),
      conditions: null,
      reconciled: true,
    })
    expect(app(harness.state(), 'podinfo')).toMatchObject({ syncStatus: 'Synced', revision: REVISION })
    expect(argoLines(harness.state().timeline)).toEqual([
      `podinfo: sync status unknown (${COMPARISON_ERROR.message})`,
      'podinfo: Synced at 4f1c2a9',
    ])
  })

  it('shows a multi-source Application as Argo CD does, its first revision "and (N) more", and tells a chart-only bump', async () => {
    const { harness, clock } = await startReplay()
    const grafana = app(harness.state(), 'prometheus-grafana')
    expect(grafana).toMatchObject({
      revision: '78.3.2',
      revisions: ['78.3.2', REVISION, REVISION],
    })
    expect(grafana.sourcePath).toBeUndefined()
    const argo = new ArgoCdReplay(harness, clock, 'prometheus-grafana')
    // A `source` beside `sources` is ignored: Argo CD's GetSource takes sources[0] (types.go 241-253), a chart here.
    await argo.patch({
      spec: {
        source: { repoURL: 'https://github.com/ops-demo/gitops-in-practice.git', path: 'manifests/monitoring/grafana' },
      },
    })
    expect(app(harness.state(), 'prometheus-grafana').sourcePath).toBeUndefined()

    // The chart moves to 78.4.0 (a commit to this repository that only changes targetRevision would do the same; here
    // the commit is the same). Auto-sync: the operation names sources and revisions, never source (ctl 2271-2292).
    await argo.patch({
      spec: {
        sources: argo.stored.spec!.sources!.map((source, index) => index === 0
          ? { ...source, targetRevision: '78.4.0' }
          : source),
      },
    })
    clock.advance(1)
    const bumped = ['78.4.0', REVISION, REVISION]
    await argo.setOperation(argo.automatedOperation(bumped))
    expect(argo.stored.operation?.sync).toMatchObject({ sources: argo.stored.spec?.sources, revisions: bumped })
    expect(argo.stored.operation?.sync?.source).toBeUndefined()
    await argo.compare({ sync: 'OutOfSync', revisions: bumped, reconciled: true })
    await argo.start()
    clock.advance(3)
    await argo.succeed({
      resources: [],
      revision: '',
      source: { repoURL: '' },
      sources: argo.stored.spec?.sources,
      revisions: bumped,
    })
    await argo.compare({ sync: 'Synced', reconciled: true })
    expect(app(harness.state(), 'prometheus-grafana')).toMatchObject({ syncStatus: 'Synced', revision: '78.4.0', revisions: bumped })
    const lines = argoLines(harness.state().timeline)
    expect(lines).toEqual([
      'prometheus-grafana: new revision 78.4.0 and (2) more',
      'prometheus-grafana: OutOfSync',
      'prometheus-grafana: auto-sync started',
      'prometheus-grafana: sync succeeded at 78.4.0',
      'prometheus-grafana: Synced at 78.4.0',
    ])
  })
})
