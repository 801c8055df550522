// The deck's sync (key y, "argocd app sync podinfo") after a self-heal that needed a retry. Argo CD's API server sets
// the operation with SetAppOperation, which also nulls status.operationState (util/argo/argo.go:942). The controller's
// Running patch then holds only the new operation: its merge patch leaves empty fields out (ctl 1627-1711), so
// anything not cleared before would stay and mix with it (the old initiatedBy.automated, autoHealAttemptsCount,
// sync.resources, message, syncResult, retryCount).
import { describe, expect, it } from 'vitest'
import { line } from '../../../helpers/timeline'
import { REVISION } from '../fake-api/seed'
import { DEPLOYMENT, podinfoResources, startReplay } from './argo-cd'
import { uiInitiatedBy } from './argo-views'

describe('the presenter\'s sync, after a self-heal', () => {
  it('clears the last operationState as Argo CD\'s API server does: the new operation is the presenter\'s alone', async () => {
    const { harness, argo, clock } = await startReplay()
    // A self-heal whose first attempt failed, then succeeded on its retry.
    await argo.setOperation(argo.selfHealOperation(REVISION, [DEPLOYMENT]))
    await argo.compare({
      sync: 'OutOfSync',
      resources: podinfoResources('Deployment'),
    })
    await argo.start()
    clock.advance(1)
    await argo.fail('one or more objects failed to apply, reason: Operation cannot be fulfilled on deployments.apps "podinfo": the object has been modified; please apply your changes to the latest version and try again')
    clock.advance(10)
    await argo.retry()
    await argo.succeed(argo.syncResult(REVISION, [DEPLOYMENT]))
    await argo.compare({
      sync: 'Synced',
      resources: podinfoResources(),
      reconciled: true,
    })
    expect(argo.stored.status?.operationState).toMatchObject({
      retryCount: 1,
      operation: {
        initiatedBy: { automated: true },
        sync: { autoHealAttemptsCount: 1 },
      },
    })

    clock.advance(30)
    await harness.backend.perform({ type: 'app.sync', app: 'podinfo' })
    expect(harness.fake.writes().at(-1)?.body).toMatchObject({
      status: { operationState: null },
    })
    expect(argo.stored.status?.operationState).toBeUndefined()
    await argo.start()
    const started = argo.stored
    expect(started.status?.operationState).toEqual({
      operation: started.operation,
      phase: 'Running',
      startedAt: clock.stamp(),
    })
    expect(started.operation?.initiatedBy).toEqual({ username: 'gitops-in-practice' })
    expect(uiInitiatedBy({ ...started, operation: undefined })).toBe('gitops-in-practice')
    expect(harness.state().timeline.filter(entry => entry.source !== 'kubernetes').map(line).slice(-2)).toEqual([
      '$ argocd app sync podinfo --prune',
      'podinfo: sync started',
    ])
    clock.advance(1)
    await argo.succeed(argo.syncResult(REVISION, [
      DEPLOYMENT,
      { kind: 'Service', name: 'podinfo' },
      { group: 'networking.k8s.io', kind: 'Ingress', name: 'podinfo' },
    ]))

    // The next drift: the self-heal count starts again at 1 (a manual sync's operation has none), so no wait.
    clock.advance(5)
    await harness.backend.perform({ type: 'drift.scale', replicas: 4 })
    const heal = argo.selfHealOperation(REVISION, [DEPLOYMENT])
    expect(heal.sync?.autoHealAttemptsCount).toBe(1)
    await argo.setOperation(heal)
    expect(harness.state().timeline.map(line)).toContain('podinfo: self-heal started (attempt 1)')
    expect(harness.state().timeline.filter(entry => entry.kind === 'app.selfHealBackoff')).toEqual([])
  })
})
