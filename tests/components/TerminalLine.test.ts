// @vitest-environment happy-dom
import type { TimelineEntry } from '../../common/protocol'
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import TerminalLine from '../../components/TerminalLine.vue'
import { demoFake } from '../helpers/fake-demo'

vi.mock('../../composables/useDemo', () => import('../helpers/fake-demo'))

/** Test Utils stubs <Transition> by default, which would hide a transition's wait for the next frames. */
const REAL_TRANSITIONS = {
  global: {
    stubs: { transition: false },
  },
}

function run(command: string, at: string) {
  const state = demoFake.state.value!
  const entry: TimelineEntry = {
    at,
    source: 'presenter',
    kind: 'command',
    command,
  }
  demoFake.state.value = {
    ...state,
    timeline: [...state.timeline, entry],
  }
}

describe('terminalLine', () => {
  beforeEach(() => demoFake.reset())

  it('shows a new command in the render that brings it, with the old one gone: no frames of the old line first', async () => {
    run('kubectl -n podinfo delete pod podinfo-a-1', '2026-12-05T08:00:00.000Z')
    const wrapper = mount(TerminalLine, REAL_TRANSITIONS)
    expect(wrapper.text()).toBe('$ kubectl -n podinfo delete pod podinfo-a-1')

    run('git commit -am "podinfo: orange" && git push', '2026-12-05T08:00:05.000Z')
    await nextTick()
    expect(wrapper.findAll('code').map(code => code.text())).toEqual(['$ git commit -am "podinfo: orange" && git push'])
  })

  it('plays its entrance again for the same command run a second time (keyed by when it ran)', async () => {
    run('argocd app sync podinfo', '2026-12-05T08:00:00.000Z')
    const wrapper = mount(TerminalLine, REAL_TRANSITIONS)
    const first = wrapper.get('code').element
    run('argocd app sync podinfo', '2026-12-05T08:00:09.000Z')
    await nextTick()
    expect(wrapper.get('code').element).not.toBe(first)
    expect(wrapper.get('code').classes()).toContain('typed')
  })
})
