// `argocd app terminate-op podinfo` during a sync that waits for a hook: the API server sets phase Terminating on what it
// read and PUTs it, `operation` still set (server/application/application.go 2451-2480); the controller's sync context
// then ends it, Failed "Operation terminated", `operation` removed (gitops-engine sync_context.go 723-728, ctl 1602).
import { describe, expect, it } from 'vitest'
import { timelineText } from '../../../../common/words/timeline'
import { line } from '../../../helpers/timeline'
import { app } from '../harness'
import { startReplay } from './argo-cd'

describe('a terminated sync', () => {
  it('shows Terminating while Argo CD terminates it, with an event, then the failure it ends in', async () => {
    const { harness, argo, clock } = await startReplay()
    await harness.backend.perform({ type: 'app.sync', app: 'podinfo' })
    await argo.start()
    await argo.progress('waiting for completion of hook batch/Job/podinfo-migrate')
    clock.advance(20)
    await argo.terminate()
    expect(app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Terminating' })
    const terminating = harness.state().timeline.at(-1)!
    expect(timelineText(terminating, 'en')).toBe('podinfo: sync terminating')
    expect(timelineText(terminating, 'nl')).toBe('podinfo: sync wordt afgebroken')
    clock.advance(1)
    await argo.terminated()
    expect(app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Failed', message: 'Operation terminated' })
    expect(harness.state().timeline.map(line).slice(-3)).toEqual([
      'podinfo: sync started',
      'podinfo: sync terminating',
      'podinfo: sync failed: Operation terminated',
    ])
  })
})
