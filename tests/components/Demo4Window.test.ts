// @vitest-environment happy-dom
// Demo 4: podinfo's window on the projector and on a phone goes dark while its namespace is deleted and no pod serves,
// with what the URL answers and why, in the deck's (or the phone's) language; it comes back with the pods.
import type { DemoState } from '../../common/protocol'
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import PhoneDemo from '../../components/PhoneDemo.vue'
import PodinfoBig from '../../components/PodinfoBig.vue'
import { useLang } from '../../composables/useLang'
import { demoFake } from '../helpers/fake-demo'

vi.mock('../../composables/useDemo', () => import('../helpers/fake-demo'))

function namespace(phase: 'Active' | 'Terminating' | 'Gone', serving: boolean) {
  const state = demoFake.state.value!
  const podinfo: DemoState['podinfo'] = {
    ...state.podinfo,
    pods: serving
      ? state.podinfo.pods
      : [],
    readyReplicas: serving ? state.podinfo.readyReplicas : 0,
    namespace: { name: 'podinfo', phase },
  }
  demoFake.state.value = { ...state, podinfo }
}

describe('demo 4: the podinfo window while its namespace goes', () => {
  beforeEach(() => demoFake.reset())

  it('projector: still podinfo while its pods serve, then dark: 503 while Terminating, 404 once gone (Dutch)', async () => {
    useLang().lang.value = 'nl'
    namespace('Terminating', true)
    expect(mount(PodinfoBig).get('[data-testid="podinfo-window"]').attributes('data-color')).not.toBe('none')
    namespace('Terminating', false)
    const terminating = mount(PodinfoBig).get('[data-testid="podinfo-window"]')
    expect(terminating.attributes('data-namespace')).toBe('Terminating')
    expect(terminating.text()).toContain('503')
    expect(terminating.text()).toContain('namespace podinfo: Terminating')
    namespace('Gone', false)
    const gone = mount(PodinfoBig).get('[data-testid="podinfo-window"]')
    expect(gone.text()).toContain('404')
    expect(gone.text()).toContain('namespace podinfo is weg')
    namespace('Active', true)
    expect(mount(PodinfoBig).get('[data-testid="podinfo-window"]').attributes('data-namespace')).toBeUndefined()
  })

  it('a phone in English says the same in its own words', () => {
    useLang().lang.value = 'en'
    namespace('Gone', false)
    const phone = mount(PhoneDemo, {
      props: { step: 'recover' },
    }).get('[data-testid="phone-podinfo"]')
    expect(phone.attributes('data-namespace')).toBe('Gone')
    expect(phone.text()).toContain('404')
    expect(phone.text()).toContain('namespace podinfo is gone')
  })
})
