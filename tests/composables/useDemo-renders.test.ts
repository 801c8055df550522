// @vitest-environment happy-dom
import type { RenderContext } from '@slidev/types'
import type { DemoState } from '../../common/protocol'
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { holdDemoConnection, useDemo } from '../../composables/useDemo'
import { providePhoneView } from '../../composables/usePhoneView'
import { useDemoServer } from '../helpers/demo-server'
import { slidevFake } from '../helpers/slidev-client'

/** A live view on slide `page`, mounted as Slidev mounts it in `context`; it records the state of every render. */
function mountView(page: number, context: RenderContext, options: { phone?: boolean } = {}) {
  slidevFake.page.value = page
  slidevFake.renderContext.value = context
  const rendered: (DemoState | undefined)[] = []
  let demo!: ReturnType<typeof useDemo>
  const view = defineComponent({
    setup() {
      demo = useDemo()
      return () => {
        rendered.push(demo.state.value)
        return h('div', demo.state.value?.git.head)
      }
    },
  })
  // The phone view (/phone): the one copy of the presenter's slide, below PhoneView, outside Slidev's slide routes.
  const phoneView = defineComponent({
    setup() {
      providePhoneView()
      holdDemoConnection()
      return () => h(view)
    },
  })
  const wrapper = mount(options.phone ? phoneView : view)
  return { demo, rendered, wrapper }
}

describe('only the live view on screen renders the demo state', () => {
  const demoServer = useDemoServer('/3')

  it('neighbouring slides and the presenter\'s preview stay frozen, and catch up in the render that shows them', async () => {
    slidevFake.currentSlideNo.value = 3
    const previous = mountView(2, 'slide')
    const shown = mountView(3, 'slide')
    const next = mountView(4, 'slide')
    const preview = mountView(4, 'previewNext')
    const presenter = demoServer.presenter()
    // A commit: several states follow it (the new head, Argo CD's refresh, the sync, the pods rolling).
    const commit = async (color: string, view: ReturnType<typeof mountView>) => {
      const ack = await presenter.timeout(10_000).emitWithAck('action', { type: 'git.setColor', color })
      expect(ack).toMatchObject({ ok: true })
      const sha = (ack as { sha: string }).sha
      await vi.waitFor(() => expect(view.demo.state.value?.applications.find(app => app.name === 'podinfo')?.revision).toBe(sha), { timeout: 10_000 })
    }
    try {
      await vi.waitFor(() => expect(shown.demo.state.value?.mode).toBe('simulated'), { timeout: 10_000 })
      await commit('#c2410c', shown)
      // Every state that reached the slide on screen rendered there; the others rendered once, when mounted.
      const states = new Set(shown.rendered.filter(Boolean))
      expect(states.size).toBeGreaterThanOrEqual(3)
      for (const frozen of [previous, next, preview])
        expect(frozen.rendered).toEqual([undefined])

      // The presenter goes to slide 4: in the same tick, before any new state can arrive.
      const latest = shown.demo.state.value
      const shownRenders = shown.rendered.length
      slidevFake.currentSlideNo.value = 4
      await nextTick()
      expect(next.rendered).toEqual([undefined, latest])
      expect(shown.rendered).toHaveLength(shownRenders)
      expect(preview.rendered).toEqual([undefined])

      await commit('#0f766e', next)
      expect(next.rendered.length).toBeGreaterThanOrEqual(4)
      expect(next.rendered.slice(1).every(state => state?.mode === 'simulated')).toBe(true)
      // Slide 3 keeps the last state it showed, without rendering again; the preview and slide 2 never render.
      expect(shown.rendered).toHaveLength(shownRenders)
      expect(shown.demo.state.value).toBe(latest)
      expect(preview.rendered).toEqual([undefined])
      expect(previous.rendered).toEqual([undefined])
    }
    finally {
      presenter.close()
      for (const view of [previous, shown, next, preview])
        view.wrapper.unmount()
    }
  })

  it('the phone view\'s one copy follows every state, although no Slidev slide route shows it', async () => {
    slidevFake.currentSlideNo.value = 1
    const phone = mountView(3, 'none', { phone: true })
    const presenter = demoServer.presenter()
    try {
      await vi.waitFor(() => expect(phone.demo.state.value?.mode).toBe('simulated'), { timeout: 10_000 })
      const ack = await presenter.timeout(10_000).emitWithAck('action', { type: 'git.setColor', color: '#7c3aed' })
      expect(ack).toMatchObject({ ok: true })
      const sha = (ack as { sha: string }).sha
      await vi.waitFor(() => expect(phone.demo.state.value?.git.head).toBe(sha), { timeout: 10_000 })
      expect(phone.rendered.at(-1)?.git.head).toBe(sha)
    }
    finally {
      presenter.close()
      phone.wrapper.unmount()
    }
  })
})
