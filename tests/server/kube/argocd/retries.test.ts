// A commit Argo CD cannot apply, auto-synced and retried (podinfo has no spec.syncPolicy.retry, so autoSync's
// RetryStrategy{Limit: 5} with the default backoff 5 s × 2, capped at 3 min). Replays what Argo CD v3.4.7 writes: the
// operation (a PUT) before the OutOfSync comparison at the new revision; Running; each failed attempt leaves the phase
// Running with finishedAt, retryCount + 1 and "…. Retrying attempt #N at 2:00PM." (ctl 1578-1591); the retry starts
// at finishedAt + 5 s × 2^N (ctl 1507-1522; one step more than the time in the message says) with "Retrying operation.
// Attempt #N" and finishedAt null (ctl 1524-1538); after the fifth retry, Failed "… (retried 5 times)." and the refresh
// that writes SyncError "Failed last sync attempt to [<sha>]: …" (ctl 2303).
import { describe, expect, it } from 'vitest'
import { app } from '../harness'
import { podinfoResources, printTimelines, projectorLines, startReplay } from './argo-cd'

const NEW = '9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b'
const INVALID = 'Deployment.apps "podinfo" is invalid: spec.template.spec.containers[0].image: Invalid value: "ghcr.io/stefanprodan/podinfo:6.9.2 ": must not have leading or trailing whitespace'
const FAILED = `one or more objects failed to apply, reason: ${INVALID}`

describe('a failing auto-sync that Argo CD retries', () => {
  it('narrates each failed attempt with the retry to come, each retry, and the end, in Argo CD\'s order', async () => {
    const { harness, argo, clock } = await startReplay()
    const failedResult = () => ({
      ...argo.syncResult(NEW, [
        {
          group: 'apps',
          kind: 'Deployment',
          name: 'podinfo',
          status: 'SyncFailed',
          message: INVALID,
        },
      ]),
    })

    await harness.backend.perform({ type: 'app.refresh', app: 'podinfo' })
    clock.advance(1)
    await argo.setOperation(argo.automatedOperation(NEW))
    await argo.compare({
      sync: 'OutOfSync',
      revision: NEW,
      resources: podinfoResources('Deployment'),
      reconciled: true,
    })
    await argo.start()
    clock.advance(1)
    await argo.fail(FAILED, failedResult())
    const waiting = app(harness.state(), 'podinfo').operation
    for (const wait of [10, 20, 40, 80, 160]) {
      clock.advance(wait)
      await argo.retry()
      clock.advance(1)
      await argo.fail(FAILED, failedResult())
    }
    clock.advance(1)
    await argo.compare({
      conditions: [
        { type: 'SyncError', message: `Failed last sync attempt to [${NEW}]: ${FAILED} (retried 5 times).` },
      ],
      reconciled: true,
    })
    const en = projectorLines(harness.state().timeline, 'en')
    const nl = projectorLines(harness.state().timeline, 'nl')
    printTimelines('A failing commit, retried, as the projector tells it', en, nl)
    expect(waiting).toMatchObject({
      phase: 'Running',
      retry: { count: 1, limit: 5, nextAt: '2026-11-20T14:00:12Z' },
    })
    expect(app(harness.state(), 'podinfo')).toMatchObject({
      syncStatus: 'OutOfSync',
      revision: NEW,
      operation: { phase: 'Failed', message: `${FAILED} (retried 5 times).` },
      message: 'differs from git: Deployment podinfo/podinfo',
    })

    expect(en).toEqual([
      '$ argocd app get podinfo --refresh',
      '+1s podinfo: new revision 9a0b1c2',
      '+1s podinfo: OutOfSync',
      '+1s podinfo: auto-sync started',
      `+2s podinfo: sync failed, retry 1 of 5 in 10 s: ${FAILED}`,
      '+12s podinfo: sync retry 1 of 5 started',
      `+13s podinfo: sync failed, retry 2 of 5 in 20 s: ${FAILED}`,
      '+33s podinfo: sync retry 2 of 5 started',
      `+34s podinfo: sync failed, retry 3 of 5 in 40 s: ${FAILED}`,
      '+74s podinfo: sync retry 3 of 5 started',
      `+75s podinfo: sync failed, retry 4 of 5 in 80 s: ${FAILED}`,
      '+2m podinfo: sync retry 4 of 5 started',
      `+2m podinfo: sync failed, retry 5 of 5 in 160 s: ${FAILED}`,
      '+5m podinfo: sync retry 5 of 5 started',
      `+5m podinfo: sync failed: ${FAILED} (retried 5 times).`,
    ])
    expect(nl).toEqual([
      '$ argocd app get podinfo --refresh',
      '+1s podinfo: nieuwe revisie 9a0b1c2',
      '+1s podinfo: OutOfSync',
      '+1s podinfo: auto-sync gestart',
      `+2s podinfo: sync mislukt, nieuwe poging 1 van 5 over 10 s: ${FAILED}`,
      '+12s podinfo: nieuwe syncpoging 1 van 5 gestart',
      `+13s podinfo: sync mislukt, nieuwe poging 2 van 5 over 20 s: ${FAILED}`,
      '+33s podinfo: nieuwe syncpoging 2 van 5 gestart',
      `+34s podinfo: sync mislukt, nieuwe poging 3 van 5 over 40 s: ${FAILED}`,
      '+74s podinfo: nieuwe syncpoging 3 van 5 gestart',
      `+75s podinfo: sync mislukt, nieuwe poging 4 van 5 over 80 s: ${FAILED}`,
      '+2m podinfo: nieuwe syncpoging 4 van 5 gestart',
      `+2m podinfo: sync mislukt, nieuwe poging 5 van 5 over 160 s: ${FAILED}`,
      '+5m podinfo: nieuwe syncpoging 5 van 5 gestart',
      `+5m podinfo: sync mislukt: ${FAILED} (retried 5 times).`,
    ])
  })
})
