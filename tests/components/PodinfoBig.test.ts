// @vitest-environment happy-dom
import type { DemoState } from '../../common/protocol'
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import PodinfoBig from '../../components/PodinfoBig.vue'
import { demoFake } from '../helpers/fake-demo'

vi.mock('../../composables/useDemo', () => import('../helpers/fake-demo'))

function podinfo(change: Partial<DemoState['podinfo']>) {
  const state = demoFake.state.value!
  demoFake.state.value = {
    ...state,
    podinfo: {
      ...state.podinfo,
      ...change,
    },
  }
}

describe('podinfoBig', () => {
  beforeEach(() => demoFake.reset())

  it('falls back to grey, not to no colour, when no pod is ready and the Deployment\'s colour is unknown (valueFrom)', () => {
    podinfo({
      color: '',
      readyReplicas: 0,
      pods: [
        {
          name: 'podinfo-a-1',
          phase: 'Pending',
          ready: false,
          replicaSet: 'podinfo-a',
        },
      ],
    })
    const window = mount(PodinfoBig).get('[data-testid="podinfo-window"]')
    expect(window.attributes('data-color')).toBe('#94a3b8')
    expect(window.text()).toContain('#94a3b8')
  })

  it('shows kubectl\'s STATUS of a pod that is failing, not only its phase', () => {
    podinfo({
      pods: [
        {
          name: 'podinfo-a-1',
          phase: 'Running',
          status: 'CrashLoopBackOff',
          ready: false,
          replicaSet: 'podinfo-a',
          color: '#34577c',
        },
        {
          name: 'podinfo-a-2',
          phase: 'Pending',
          status: 'ImagePullBackOff',
          ready: false,
          replicaSet: 'podinfo-a',
          color: '#34577c',
        },
        {
          name: 'podinfo-a-3',
          phase: 'Running',
          ready: true,
          replicaSet: 'podinfo-a',
          color: '#34577c',
        },
      ],
    })
    const pods = mount(PodinfoBig).findAll('.pod')
    expect(pods.map(pod => pod.attributes('title'))).toEqual([
      'podinfo-a-1 · CrashLoopBackOff',
      'podinfo-a-2 · ImagePullBackOff',
      'podinfo-a-3 · Running',
    ])
    expect(pods.map(pod => pod.text())).toEqual(['!', '!', '●'])
    expect(pods.map(pod => pod.classes('failing'))).toEqual([true, true, false])
  })
})
