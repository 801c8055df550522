// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ActionButton from '../../components/ActionButton.vue'
import DriftControl from '../../components/DriftControl.vue'
import GitControl from '../../components/GitControl.vue'
import ReadOnlyNote from '../../components/ReadOnlyNote.vue'
import { demoFake } from '../helpers/fake-demo'

vi.mock('../../composables/useDemo', () => import('../helpers/fake-demo'))
const global = {
  components: { ActionButton, ReadOnlyNote },
}

describe('demo controls', () => {
  beforeEach(() => demoFake.reset())

  it('drift buttons send the drift actions once per click', async () => {
    const wrapper = mount(DriftControl, {
      global,
      props: { driftColor: '#aa0000', scaleTo: 4 },
    })
    await wrapper.get('[data-action="drift.setColor"]').trigger('click')
    await wrapper.get('[data-action="drift.scale"]').trigger('click')
    await flushPromises()
    expect(demoFake.sent).toEqual([
      { type: 'drift.setColor', color: '#aa0000' },
      { type: 'drift.scale', replicas: 4 },
    ])
  })

  it('the delete-pod button names a running pod', async () => {
    const wrapper = mount(DriftControl, { global })
    await wrapper.get('[data-action="drift.deletePod"]').trigger('click')
    await flushPromises()
    expect(demoFake.sent[0]).toEqual({ type: 'drift.deletePod', pod: demoFake.state.value!.podinfo.pods[0]!.name })
  })

  it('git buttons commit the colour and revert HEAD', async () => {
    const wrapper = mount(GitControl, {
      global,
      props: { color: '#e67e22', reset: true },
    })
    for (const action of ['git.setColor', 'git.revert', 'demo.reset'])
      await wrapper.get(`[data-action="${action}"]`).trigger('click')
    await flushPromises()
    expect(demoFake.sent).toEqual([
      { type: 'git.setColor', color: '#e67e22' },
      { type: 'git.revert' },
      { type: 'demo.reset' },
    ])
  })

  it('shows the server\'s error next to the button', async () => {
    demoFake.answer = { ok: false, error: 'git push rejected twice; try again' }
    const wrapper = mount(GitControl, { global })
    await wrapper.get('[data-action="git.revert"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe('git push rejected twice; try again')
  })

  it('read-only viewers see the controls disabled, and why', async () => {
    demoFake.readOnlyReason.value = 'viewer'
    const wrapper = mount(DriftControl, { global })
    const buttons = wrapper.findAll('button')
    expect(buttons.length).toBe(3)
    expect(buttons.every(b => b.attributes('disabled') !== undefined)).toBe(true)
    expect(wrapper.get('[data-testid="read-only"]').text()).toContain('Alleen-lezen')
    await buttons[0]!.trigger('click')
    expect(demoFake.sent).toEqual([])
  })

  it('offline: disabled, and says the demo server is not reachable', () => {
    demoFake.linkState.value = 'reconnecting'
    demoFake.readOnlyReason.value = 'offline'
    const wrapper = mount(GitControl, { global })
    expect(wrapper.findAll('button').every(b => b.attributes('disabled') !== undefined)).toBe(true)
    expect(wrapper.get('[data-testid="read-only"]').text()).toContain('demo-server')
  })
})
