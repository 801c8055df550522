// Demo 1 (keys k and s): drift, healed by Argo CD's self-heal, twice. Replays what Argo CD v3.4.7 writes, in its order:
// the refresh that sees the drift runs autoSync first, whose SetAppOperation (a PUT, ctl 2353) lands before the status
// patch with OutOfSync (ctl 1978); the operation completes (ctl 1602) before the refresh it asks for writes Synced
// (ctl 1604-1620). A second drift within the backoff is first only OutOfSync; the self-heal follows when the wait is over.
import type { Replay } from './argo-cd'
import { describe, expect, it } from 'vitest'
import { DEMO_COLORS } from '../../../../common/demo-colors'
import { REVISION } from '../fake-api/seed'
import { app } from '../harness'
import { DEPLOYMENT, podinfoResources, printTimelines, projectorLines, startReplay } from './argo-cd'

/** One self-heal, as the controller writes it: the operation, the comparison, Running, Succeeded, the refresh. */
async function selfHeal({ argo, clock }: Replay, { comparisonFirst = false } = {}) {
  await argo.setOperation(argo.selfHealOperation(REVISION, [DEPLOYMENT]))
  if (!comparisonFirst) {
    await argo.compare({
      sync: 'OutOfSync',
      resources: podinfoResources('Deployment'),
    })
  }
  await argo.start()
  clock.advance(1)
  await argo.succeed(argo.syncResult(REVISION, [DEPLOYMENT]))
  await argo.compare({
    sync: 'Synced',
    resources: podinfoResources(),
    reconciled: true,
  })
}

describe('demo 1: drift healed twice, narrated in the order it happened', () => {
  it('says OutOfSync before "self-heal started", no wait after a heal, and the real wait on the second drift', async () => {
    const replay = await startReplay()
    const { harness, argo, clock } = replay

    await harness.backend.perform({ type: 'drift.setColor', color: DEMO_COLORS.drift })
    clock.advance(1)
    await selfHeal(replay)
    expect(app(harness.state(), 'podinfo')).toMatchObject({
      syncStatus: 'Synced',
      operation: { phase: 'Succeeded', initiatedBy: 'self-heal' },
    })

    // Second drift, the same second the first heal finished: backoff(1) = 2 s. Argo CD writes OutOfSync and waits.
    await harness.backend.perform({ type: 'drift.scale', replicas: 4 })
    await argo.compare({
      sync: 'OutOfSync',
      resources: podinfoResources('Deployment'),
    })
    clock.advance(2)
    await selfHeal(replay, { comparisonFirst: true })

    const en = projectorLines(harness.state().timeline, 'en')
    const nl = projectorLines(harness.state().timeline, 'nl')
    printTimelines('Demo 1: drift healed twice, as the projector tells it', en, nl)
    expect(en).toEqual([
      `$ kubectl -n podinfo set env deploy/podinfo PODINFO_UI_COLOR=${DEMO_COLORS.drift}`,
      '+1s podinfo: OutOfSync (differs from git: Deployment podinfo/podinfo)',
      '+1s podinfo: self-heal started (attempt 1)',
      '+2s podinfo: Synced at 4f1c2a9',
      '$ kubectl -n podinfo scale deploy/podinfo --replicas=4',
      '+0s podinfo: OutOfSync (differs from git: Deployment podinfo/podinfo)',
      '+0s podinfo: self-heal waits 2 s (attempt 2)',
      '+2s podinfo: self-heal started (attempt 2)',
      '+3s podinfo: Synced at 4f1c2a9',
    ])
    expect(nl).toEqual([
      `$ kubectl -n podinfo set env deploy/podinfo PODINFO_UI_COLOR=${DEMO_COLORS.drift}`,
      '+1s podinfo: OutOfSync (wijkt af van git: Deployment podinfo/podinfo)',
      '+1s podinfo: self-heal gestart (poging 1)',
      '+2s podinfo: Synced op 4f1c2a9',
      '$ kubectl -n podinfo scale deploy/podinfo --replicas=4',
      '+0s podinfo: OutOfSync (wijkt af van git: Deployment podinfo/podinfo)',
      '+0s podinfo: self-heal wacht 2 s (poging 2)',
      '+2s podinfo: self-heal gestart (poging 2)',
      '+3s podinfo: Synced op 4f1c2a9',
    ])
  })
})
