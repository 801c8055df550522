// Which of Argo CD's conditions explains the state. Conditions are errors and warnings (types.go 1863-1882), kept sorted
// by type (SetConditions), so a warning such as OrphanedResourceWarning comes before SyncError. Why an app is OutOfSync is
// not a condition at all: it is status.resources[].status (controller/state.go 914-933). A sync status Unknown comes with
// the ComparisonError that caused it (controller/state.go:627). Replayed: drift with an orphaned-resource warning, a
// self-heal that fails for good (SyncError, ctl 2303), then a repository that cannot be read (ComparisonError).
import { describe, expect, it } from 'vitest'
import { REVISION } from '../fake-api/seed'
import { app } from '../harness'
import { argoLines, DEPLOYMENT, podinfoResources, startReplay } from './argo-cd'

const ORPHANED = { type: 'OrphanedResourceWarning', message: 'Application has 1 orphaned resources' }
const QUOTA = 'one or more objects failed to apply, reason: deployments.apps "podinfo" is forbidden: exceeded quota: podinfo, requested: pods=4, used: pods=2, limited: pods=3'
const SYNC_ERROR = { type: 'SyncError', message: `Failed last sync attempt to [${REVISION}]: ${QUOTA}` }
const COMPARISON_ERROR = { type: 'ComparisonError', message: 'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = failed to list refs: authentication required: Repository not found.' }

describe('the message is the condition that explains the state; the others stay with it', () => {
  it('says why it is OutOfSync over a warning or a leftover SyncError, and the ComparisonError when Unknown', async () => {
    const { harness, argo, clock } = await startReplay()
    await argo.compare({
      conditions: [ORPHANED],
    })
    await harness.backend.perform({ type: 'drift.scale', replicas: 4 })
    clock.advance(1)
    // The self-heal applies 4 → 2 replicas; the quota refuses it. Its operation has no retry left to give (limit 0).
    await argo.setOperation({
      ...argo.selfHealOperation(REVISION, [DEPLOYMENT]),
      retry: {},
    })
    await argo.compare({
      sync: 'OutOfSync',
      resources: podinfoResources('Deployment'),
    })
    await argo.start()
    clock.advance(1)
    await argo.fail(QUOTA)
    await argo.compare({
      conditions: [ORPHANED, SYNC_ERROR],
      reconciled: true,
    })
    expect(app(harness.state(), 'podinfo')).toMatchObject({
      syncStatus: 'OutOfSync',
      message: 'differs from git: Deployment podinfo/podinfo',
      conditions: [ORPHANED, SYNC_ERROR],
    })

    clock.advance(180)
    await argo.compare({
      sync: 'Unknown',
      revision: 'main',
      resources: podinfoResources().map(resource => ({ ...resource, status: 'Unknown' as const })),
      conditions: [COMPARISON_ERROR, ORPHANED],
      reconciled: true,
    })
    expect(app(harness.state(), 'podinfo')).toMatchObject({
      syncStatus: 'Unknown',
      message: COMPARISON_ERROR.message,
      conditions: [COMPARISON_ERROR, ORPHANED],
    })
    expect(argoLines(harness.state().timeline)).toEqual([
      'podinfo: OutOfSync (differs from git: Deployment podinfo/podinfo)',
      'podinfo: self-heal started (attempt 1)',
      `podinfo: sync failed: ${QUOTA}`,
      `podinfo: sync status unknown (${COMPARISON_ERROR.message})`,
    ])
  })
})
