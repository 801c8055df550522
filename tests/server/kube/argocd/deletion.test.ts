// `argocd app delete podinfo` (cascade, the default): the API server makes sure the resources finalizer is there, then
// deletes; Kubernetes sets deletionTimestamp and keeps the object while the finalizer holds it
// (server/application/application.go 1150-1212). The controller deletes the resources, its refreshes keep writing
// status, then it removes the finalizer (ctl 1241-1444) and the Application is gone. Argo CD's UI titles it "Deleting"
// all the while (utils.tsx getOperationType/getOperationStateTitle).
import { describe, expect, it } from 'vitest'
import { timelineText } from '../../../../common/words/timeline'
import { app } from '../harness'
import { podinfoResources, startReplay } from './argo-cd'

describe('an Application being deleted', () => {
  it('shows "Deleting" from the deletionTimestamp until it is gone', async () => {
    const { harness, argo, clock } = await startReplay()
    await argo.delete()
    expect(argo.stored.metadata?.deletionTimestamp).toBe('2026-11-20T14:00:00Z')
    expect(app(harness.state(), 'podinfo').deleting).toBe(true)
    const deleting = harness.state().timeline.at(-1)!
    expect(deleting).toMatchObject({ kind: 'app.deleting', app: 'podinfo', source: 'argocd' })
    expect([
      timelineText(deleting, 'en'),
      timelineText(deleting, 'nl'),
    ]).toEqual(['podinfo: Application being deleted', 'podinfo: Application wordt verwijderd'])

    clock.advance(2)
    await argo.compare({
      sync: 'OutOfSync',
      resources: podinfoResources('Service', 'Deployment', 'Ingress'),
      health: 'Missing',
    })
    expect(app(harness.state(), 'podinfo')).toMatchObject({ deleting: true, syncStatus: 'OutOfSync', healthStatus: 'Missing' })
    clock.advance(1)
    await argo.patch({
      metadata: { finalizers: [] },
    })
    expect(harness.fake.get('applications', 'argocd', 'podinfo')).toBeUndefined()
    expect(harness.state().applications.some(candidate => candidate.name === 'podinfo')).toBe(false)
    // The last event about the Application (beside other work, a git event can come after it).
    expect(harness.state().timeline.findLast(entry => entry.kind.startsWith('app.'))).toMatchObject({ kind: 'app.deleted', app: 'podinfo' })
  })
})
