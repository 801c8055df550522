// @vitest-environment happy-dom
import type { useDemo as UseDemo } from '../../composables/useDemo'
import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_COLORS } from '../../common/demo-colors'
import { mountDemo } from '../helpers/mount-demo'
import { slidevFake } from '../helpers/slidev-client'

let useDemo: typeof UseDemo

describe('useDemo without a demo server (the static deck)', () => {
  beforeAll(async () => {
    // No server anywhere: the page asks for the recording.
    ;(window as unknown as { happyDOM: { setURL: (url: string) => void } }).happyDOM.setURL('http://127.0.0.1:9/1?demo=recording')
    vi.stubGlobal('fetch', () => Promise.reject(new Error('no network in the static deck')))
    ;({ useDemo } = await import('../../composables/useDemo'))
  })

  it('plays the shipped recording through the same door, labelled as a replay', async () => {
    const { demo, wrapper } = mountDemo(useDemo)
    expect(demo.source).toBe('recording')
    await vi.waitFor(() => expect(demo.state.value?.mode).toBe('replay'), { timeout: 10_000 })
    expect(demo.linkState.value).toBe('recording')
    expect(demo.state.value?.replay).toMatchObject({ name: 'demo.jsonl', recordedMode: 'simulated', recordedAt: '2026-11-20T14:00:00.000Z' })
    expect(demo.canAct.value).toBe(true)
    expect(demo.player?.frameCount.value).toBeGreaterThan(20)
    expect(demo.player?.chapters.value.map(action => action.request.type)).toEqual([
      'drift.setColor',
      'git.setColor',
      'git.revert',
      'drift.deleteNamespace',
      'git.race',
    ])
    wrapper.unmount()
  })

  it('a button press gets what that action did when it was recorded; another one is refused', async () => {
    const { demo, wrapper } = mountDemo(useDemo)
    await vi.waitFor(() => expect(demo.canAct.value).toBe(true), { timeout: 10_000 })
    const commit = demo.player!.chapters.value[1]!
    const answer = await demo.act({ type: 'git.setColor', color: DEMO_COLORS.commit })
    expect(answer).toEqual({ ok: true, sha: (commit.ack!.response as { sha: string }).sha })
    expect(demo.state.value?.git.head).toBe((commit.ack!.response as { sha: string }).sha)
    expect(await demo.act({ type: 'drift.scale', replicas: 7 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not in this recording: drift\.scale 7/),
    })
    expect(await demo.act({ type: 'replay.stop' })).toEqual({ ok: false, error: 'this deck already plays a recording' })
    wrapper.unmount()
  })

  it('plays, pauses, steps and seeks', async () => {
    const { demo, wrapper } = mountDemo(useDemo)
    await vi.waitFor(() => expect(demo.state.value).toBeDefined(), { timeout: 10_000 })
    const player = demo.player!
    player.seek(0)
    expect(player.frame.value).toBe(0)
    expect(player.playing.value).toBe(false)
    player.step()
    expect(player.frame.value).toBe(1)
    player.play()
    expect(player.playing.value).toBe(true)
    player.pause()
    expect(player.playing.value).toBe(false)
    player.seek(player.frameCount.value - 1)
    expect(demo.state.value?.podinfo.color).toBe(DEMO_COLORS.race)
    wrapper.unmount()
  })

  it('print mode still shows the print state, and a preview copy does not act', async () => {
    slidevFake.printMode.value = true
    const printed = mountDemo(useDemo)
    expect(printed.demo.linkState.value).toBe('print')
    expect(printed.demo.state.value?.mode).toBe('simulated')
    printed.wrapper.unmount()
    slidevFake.printMode.value = false
    slidevFake.renderContext.value = 'previewNext'
    const preview = mountDemo(useDemo)
    await flushPromises()
    expect(await preview.demo.act({ type: 'git.revert' })).toEqual({ ok: false, error: 'read-only: preview' })
    preview.wrapper.unmount()
    slidevFake.renderContext.value = 'slide'
  })
})
