// @vitest-environment happy-dom
import type { HealthStatus, SyncStatus } from '../../common/protocol'
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { healthStatuses, syncStatuses } from '../../common/protocol'
import AppTiles from '../../components/AppTiles.vue'
import { demoFake } from '../helpers/fake-demo'

vi.mock('../../composables/useDemo', () => import('../helpers/fake-demo'))

function withPodinfo(sync: SyncStatus, health: HealthStatus) {
  const state = demoFake.state.value!
  demoFake.state.value = {
    ...state,
    applications: state.applications.map(app => app.name === 'podinfo'
      ? { ...app, syncStatus: sync, healthStatus: health }
      : app),
  }
}

describe('appTiles', () => {
  beforeEach(() => demoFake.reset())

  it('shows every Application of apps/ with its sync and health', () => {
    const wrapper = mount(AppTiles)
    const names = wrapper.findAll('.name').map(n => n.text())
    expect(names).toEqual(expect.arrayContaining([
      'root',
      'podinfo',
      'argocd',
      'metallb',
      'ingress-nginx',
      'tekton',
      'pipeline',
      'prometheus-grafana',
    ]))
    expect(wrapper.findAll('[data-testid="sync"]').every(s => s.text() === '✓ Synced')).toBe(true)
  })

  for (const sync of syncStatuses) {
    for (const health of healthStatuses) {
      it(`tells ${sync} / ${health} apart by symbol and word, not only colour`, () => {
        withPodinfo(sync, health)
        const tile = mount(AppTiles, {
          props: {
            only: ['podinfo'],
          },
        }).get('[data-app="podinfo"]')
        expect(tile.get('[data-testid="sync"]').text()).toMatch(new RegExp(`^\\S+ ${sync}$`))
        expect(tile.get('[data-testid="health"]').text()).toMatch(new RegExp(`^\\S+ ${health}$`))
        const degraded = health === 'Degraded' || health === 'Missing'
        expect(tile.classes().includes('bad')).toBe(degraded)
        expect(tile.classes().includes('warn')).toBe(sync === 'OutOfSync')
      })
    }
  }

  it('shows a running sync operation', () => {
    const state = demoFake.state.value!
    demoFake.state.value = {
      ...state,
      applications: state.applications.map(app => app.name === 'podinfo'
        ? {
            ...app,
            operation: { phase: 'Running' as const },
          }
        : app),
    }
    expect(mount(AppTiles, {
      props: {
        only: ['podinfo'],
      },
    }).get('[data-testid="operation"]').text()).toContain('sync Running')
  })
})
