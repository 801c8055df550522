// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ModeBadge from '../../components/ModeBadge.vue'
import { demoFake } from '../helpers/fake-demo'

vi.mock('../../composables/useDemo', () => import('../helpers/fake-demo'))

function badge() {
  return mount(ModeBadge).get('[role="status"]')
}

describe('modeBadge (Dutch, the default)', () => {
  beforeEach(() => demoFake.reset())

  it('says SIMULATED when the embedded ops-demo runs', () => {
    expect(badge().text()).toContain('GESIMULEERD · ops-demo')
  })

  it('says LIVE and the cluster name for a real cluster', () => {
    demoFake.state.value = {
      ...demoFake.state.value!,
      mode: 'live',
      cluster: { name: 'ops-demo', connection: 'connected' },
    }
    expect(badge().text()).toContain('LIVE · ops-demo')
    expect(badge().classes()).toContain('ok')
  })

  it('never passes a down cluster off as the simulation', () => {
    demoFake.state.value = {
      ...demoFake.state.value!,
      mode: 'live',
      cluster: { name: 'ops-demo', connection: 'down', message: 'connect ECONNREFUSED 192.168.56.10:6443' },
    }
    const text = badge()
    expect(text.text()).toContain('LIVE · ops-demo · cluster onbereikbaar')
    expect(text.classes()).toContain('bad')
    expect(text.attributes('title')).toContain('ECONNREFUSED')
  })

  it('says when the cluster is reconnecting', () => {
    demoFake.state.value = {
      ...demoFake.state.value!,
      mode: 'live',
      cluster: { name: 'ops-demo', connection: 'reconnecting' },
    }
    expect(badge().text()).toContain('opnieuw verbinden')
  })

  it('says when the demo server itself is unreachable', () => {
    demoFake.linkState.value = 'reconnecting'
    expect(badge().text()).toContain('demo-server onbereikbaar')
  })

  it('says HAND-OUT in print (Dutch), never "disconnected"', () => {
    demoFake.linkState.value = 'print'
    expect(badge().text()).toContain('HAND-OUT · beginsituatie')
    expect(badge().text().toLowerCase()).not.toContain('disconnected')
  })
})
