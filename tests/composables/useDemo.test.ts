// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useDemo } from '../../composables/useDemo'
import { useDemoServer } from '../helpers/demo-server'
import { mountDemo } from '../helpers/mount-demo'
import { slidevFake } from '../helpers/slidev-client'

describe('useDemo against a running demo server', () => {
  const demoServer = useDemoServer('/1')
  afterEach(() => {
    slidevFake.renderContext.value = 'slide'
    slidevFake.printMode.value = false
    slidevFake.presenter.value = false
    vi.unstubAllGlobals()
  })

  it('an audience window connects, receives the state, and stays read-only', async () => {
    const { demo, wrapper } = mountDemo(useDemo)
    await vi.waitFor(() => expect(demo.state.value?.mode).toBe('simulated'), { timeout: 10_000 })
    expect(demo.linkState.value).toBe('connected')
    expect(demo.canAct.value).toBe(false)
    expect(demo.readOnlyReason.value).toBe('viewer')
    expect(await demo.act({ type: 'drift.scale', replicas: 3 })).toEqual({ ok: false, error: 'read-only: viewer' })
    wrapper.unmount()
  })

  it('a presenter window gets the token from the deck and may act', async () => {
    slidevFake.presenter.value = true
    slidevFake.renderContext.value = 'presenter'
    const realFetch = globalThis.fetch
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).endsWith('/__demo/token')
        ? Promise.resolve(new Response(JSON.stringify({ token: demoServer.token })))
        : realFetch(input, init))
    const { demo, wrapper } = mountDemo(useDemo)
    await vi.waitFor(() => expect(demo.canAct.value).toBe(true), { timeout: 10_000 })
    expect(await demo.act({ type: 'app.refresh', app: 'podinfo' })).toEqual({ ok: true })
    wrapper.unmount()
  })

  it('an audience window follows the presenter\'s changes, which arrive as patches of the state', async () => {
    const { demo, wrapper } = mountDemo(useDemo)
    await vi.waitFor(() => expect(demo.state.value?.mode).toBe('simulated'), { timeout: 10_000 })
    const presenter = demoServer.presenter()
    try {
      const before = demo.state.value!
      const patched = new Promise(resolve => presenter.once('patch', resolve))
      expect(await presenter.timeout(10_000).emitWithAck('action', { type: 'drift.scale', replicas: 4 })).toEqual({ ok: true })
      await patched
      await vi.waitFor(() => expect(demo.state.value?.podinfo.desiredReplicas).toBe(4), { timeout: 10_000 })
      // A new object per change (the components watch a shallowRef), and the old one left as it was.
      expect(demo.state.value).not.toBe(before)
      expect(before.podinfo.desiredReplicas).not.toBe(4)
      expect(await presenter.timeout(10_000).emitWithAck('action', { type: 'drift.scale', replicas: 2 })).toEqual({ ok: true })
    }
    finally {
      presenter.close()
      wrapper.unmount()
    }
  })

  it('a preview copy (next slide, overview) neither connects nor acts', async () => {
    slidevFake.renderContext.value = 'previewNext'
    const { demo, wrapper } = mountDemo(useDemo)
    await flushPromises()
    expect(demo.readOnlyReason.value).toBe('preview')
    expect(await demo.act({ type: 'demo.reset' })).toEqual({ ok: false, error: 'read-only: preview' })
    wrapper.unmount()
  })

  it('print mode shows the static starting point and never connects', async () => {
    slidevFake.printMode.value = true
    const { demo, wrapper } = mountDemo(useDemo)
    expect(demo.linkState.value).toBe('print')
    expect(demo.state.value?.applications.every(app => app.syncStatus === 'Synced' && app.healthStatus === 'Healthy')).toBe(true)
    expect(demo.state.value?.podinfo.color).toBe('#34577c')
    expect(demo.readOnlyReason.value).toBe('handout')
    wrapper.unmount()
  })

  it('says reconnecting when the demo server goes away, and disables the controls', async () => {
    const { demo, wrapper } = mountDemo(useDemo)
    await vi.waitFor(() => expect(demo.linkState.value).toBe('connected'), { timeout: 10_000 })
    await demoServer.server.close()
    await vi.waitFor(() => expect(demo.linkState.value).toBe('reconnecting'), { timeout: 10_000 })
    expect(demo.readOnlyReason.value).toBe('offline')
    expect(demo.canAct.value).toBe(false)
    wrapper.unmount()
  })
})
