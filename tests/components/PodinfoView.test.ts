// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import DemoStoryboard from '../../components/DemoStoryboard.vue'
import DemoTimeline from '../../components/DemoTimeline.vue'
import PodinfoView from '../../components/PodinfoView.vue'
import { demoFake } from '../helpers/fake-demo'

vi.mock('../../composables/useDemo', () => import('../helpers/fake-demo'))

describe('podinfoView', () => {
  beforeEach(() => demoFake.reset())

  it('shows the colour, message and ready replicas of the live Deployment', () => {
    const wrapper = mount(PodinfoView)
    expect(wrapper.get('[data-testid="podinfo-window"]').attributes('data-color')).toBe('#34577c')
    expect(wrapper.text()).toContain('Hallo vanuit GitOps')
    expect(wrapper.get('[data-testid="replicas"]').text()).toContain('2/2')
  })

  it('groups pods by ReplicaSet while they roll over', () => {
    const state = demoFake.state.value!
    demoFake.state.value = {
      ...state,
      podinfo: {
        ...state.podinfo,
        readyReplicas: 2,
        pods: [
          {
            name: 'podinfo-aaa-1',
            phase: 'Terminating',
            ready: false,
            replicaSet: 'podinfo-aaa',
            color: '#34577c',
          },
          {
            name: 'podinfo-aaa-2',
            phase: 'Running',
            ready: true,
            replicaSet: 'podinfo-aaa',
            color: '#34577c',
          },
          {
            name: 'podinfo-bbb-1',
            phase: 'Pending',
            ready: false,
            replicaSet: 'podinfo-bbb',
            color: '#e67e22',
          },
        ],
      },
    }
    const groups = mount(PodinfoView).findAll('.replicaset')
    expect(groups.map(g => g.get('.rs-name').text())).toEqual(['podinfo-aaa', 'podinfo-bbb'])
    expect(groups[0]!.findAll('.pod').map(p => p.text())).toEqual(['◍ Terminating', '● Running'])
    expect(groups[1]!.text()).toContain('Pending')
  })
})

describe('demoTimeline', () => {
  beforeEach(() => demoFake.reset())

  it('shows the newest entries with who did it', () => {
    demoFake.state.value = {
      ...demoFake.state.value!,
      timeline: Array.from({ length: 10 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 10, 26, 9, 0, i)).toISOString(),
        source: i % 2
          ? 'argocd' as const
          : 'presenter' as const,
        kind: 'command' as const,
        command: `step ${i}`,
      })),
    }
    const items = mount(DemoTimeline, {
      props: { limit: 3 },
    }).findAll('li')
    expect(items.map(i => i.get('.text').text())).toEqual(['$ step 7', '$ step 8', '$ step 9'])
    expect(items[0]!.get('.source').text()).toContain('argocd')
  })
})

describe('demoStoryboard (print)', () => {
  it('tells each demo step in four frames, ending Synced', () => {
    for (const step of ['drift', 'commit', 'revert'] as const) {
      const frames = mount(DemoStoryboard, {
        props: { step },
      }).findAll('li')
      expect(frames).toHaveLength(4)
      expect(frames[3]!.text()).toContain('✓ Synced')
      expect(frames.some(f => f.text().includes('OutOfSync'))).toBe(true)
    }
  })

  it('ends the drift board on the colour from Git', () => {
    const frames = mount(DemoStoryboard, {
      props: { step: 'drift' },
    }).findAll('.swatch')
    expect(frames[3]!.attributes('style')).toMatch(/background:\s*(#34577c|rgb\(52, 87, 124\))/)
  })
})
