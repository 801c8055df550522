import type { DemoState, PodState } from '../../common/protocol'
import { describe, expect, it } from 'vitest'
import { demoPhase, servedColor } from '../../logic/demoPhase'
import { startingState } from '../helpers/fake-demo'

const START = '#34577c'
function pod(color: string, phase: PodState['phase'] = 'Running', ready = true): PodState {
  return {
    name: `p-${Math.random()}`,
    color,
    phase,
    ready,
  }
}

function withPodinfoApp(state: DemoState, change: Partial<DemoState['applications'][number]>): DemoState {
  return {
    ...state,
    applications: state.applications.map(app => app.name === 'podinfo'
      ? {
          ...app,
          ...change,
        }
      : app),
  }
}

describe('demo phase (what the strip lights)', () => {
  const start = (): DemoState => {
    const state = startingState()
    return {
      ...state,
      git: {
        ...state.git,
        head: 'a'.repeat(40),
      },
      applications: state.applications.map(app => ({
        ...app,
        revision: 'a'.repeat(40),
      })),
    }
  }

  it('rests at Synced + Healthy when git, Argo CD and the pods agree', () => {
    expect(start().git.desired?.color).toBe(START)
    expect(demoPhase(start())).toBe('synced')
    expect(demoPhase(undefined)).toBe('synced')
  })

  it('a kubectl change to the cluster is "changed" before Argo CD has seen it, even while pods roll to it', () => {
    const state = start()
    const drifted = {
      ...state,
      podinfo: {
        ...state.podinfo,
        color: '#c0392b',
        pods: [
          pod(START),
          pod('#c0392b', 'Pending', false),
        ],
      },
    }
    expect(demoPhase(drifted)).toBe('changed')
    const scaled = {
      ...state,
      podinfo: { ...state.podinfo, desiredReplicas: 4 },
    }
    expect(demoPhase(scaled)).toBe('changed')
  })

  it('a push git is ahead of Argo CD with is "changed"; then OutOfSync, then the sync, then rolling, then synced', () => {
    const state = start()
    const pushed = {
      ...state,
      git: {
        ...state.git,
        head: 'b'.repeat(40),
        desired: { ...state.git.desired!, color: '#c2410c' },
      },
    }
    expect(demoPhase(pushed)).toBe('changed')
    expect(demoPhase(withPodinfoApp(pushed, {
      syncStatus: 'OutOfSync',
      revision: 'b'.repeat(40),
    }))).toBe('outOfSync')
    expect(demoPhase(withPodinfoApp(pushed, {
      syncStatus: 'OutOfSync',
      operation: { phase: 'Running' },
    }))).toBe('syncing')
    const applied = withPodinfoApp({
      ...pushed,
      podinfo: {
        ...pushed.podinfo,
        color: '#c2410c',
        pods: [
          pod(START),
          pod('#c2410c', 'Pending', false),
        ],
      },
    }, {
      revision: 'b'.repeat(40),
      healthStatus: 'Progressing',
    })
    expect(demoPhase(applied)).toBe('rolling')
    const done = withPodinfoApp({
      ...applied,
      podinfo: {
        ...applied.podinfo,
        pods: [
          pod('#c2410c'),
          pod('#c2410c'),
        ],
      },
    }, { healthStatus: 'Healthy' })
    expect(demoPhase(done)).toBe('synced')
  })

  it('serves the colour most ready pods have; pending and terminating pods serve nothing', () => {
    expect(servedColor([
      pod(START),
      pod(START),
      pod('#c2410c'),
    ])).toBe(START)
    expect(servedColor([
      pod(START, 'Terminating', false),
      pod('#c2410c'),
    ])).toBe('#c2410c')
    expect(servedColor([
      pod(START, 'Pending', false),
    ])).toBeUndefined()
  })
})
