// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { KEY_MOMENTS } from '../../common/recording/key-frames'
import { provideDemoState, useDemo } from '../../composables/useDemo'
import { handoutFrames, shippedRecording } from '../../logic/handoutFrames'

describe('the handout\'s frames, as the deck imports them', () => {
  it('holds every key moment of the shipped recording, each a replay state with the recorded SHAs', () => {
    expect(Object.keys(handoutFrames).sort()).toEqual([...KEY_MOMENTS].sort())
    const shas = shippedRecording.actions.map(action => (action.ack?.response as { sha?: string }).sha).filter(Boolean)
    expect(handoutFrames.rolledOut?.state.git.head).toBe(shas[0])
    expect(handoutFrames.back?.state.git.head).toBe(shas[1])
    for (const frame of Object.values(handoutFrames)) {
      expect(frame.state).toMatchObject({
        mode: 'replay',
        replay: { name: 'demo.jsonl' },
      })
    }
  })

  it('a component under provideDemoState shows that frame, connects nowhere and acts on nothing', async () => {
    let demo!: ReturnType<typeof useDemo>
    const Child = defineComponent({
      setup() {
        demo = useDemo()
        return () => h('div')
      },
    })
    const frame = handoutFrames.outOfSync!
    const wrapper = mount(defineComponent({
      setup() {
        provideDemoState(frame.state)
        return () => h(Child)
      },
    }))
    expect(demo.state.value).toBe(frame.state)
    expect(demo.state.value?.applications.find(app => app.name === 'podinfo')?.syncStatus).toBe('OutOfSync')
    expect(demo.linkState.value).toBe('print')
    expect(demo.canAct.value).toBe(false)
    expect(await demo.act({ type: 'git.revert' })).toEqual({ ok: false, error: 'read-only: handout' })
    wrapper.unmount()
  })
})
