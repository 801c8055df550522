// Demo 4 on the deck: the key, what the strip lights while the namespace goes, the dark podinfo window, and the
// handout's five frames from the shipped recording, worded in both languages.
import type { DemoState } from '../../common/protocol'
import { describe, expect, it } from 'vitest'
import { controlsByStep, DEMO_KEYS } from '../../logic/demoControls'
import { STEP_MOMENTS } from '../../logic/demoMoments'
import { demoPhase } from '../../logic/demoPhase'
import { frameCards } from '../../logic/frameCards'
import { handoutFrames } from '../../logic/handoutFrames'
import { podinfoGone } from '../../logic/podinfoGone'
import { startingState } from '../helpers/fake-demo'

function withNamespace(phase: 'Active' | 'Terminating' | 'Gone', serving: boolean): DemoState {
  const state = startingState()
  return {
    ...state,
    podinfo: {
      ...state.podinfo,
      pods: serving
        ? state.podinfo.pods
        : state.podinfo.pods.map(pod => ({ ...pod, phase: 'Terminating' as const, ready: false })),
      namespace: { name: 'podinfo', phase },
    },
  }
}

describe('demo 4 on the deck', () => {
  it('n deletes the namespace, on demo 4 and in the playground', () => {
    expect(controlsByStep.recover.map(control => control.key)).toEqual(['n'])
    expect(controlsByStep.recover[0]!.request(undefined)).toEqual({ type: 'drift.deleteNamespace' })
    expect(controlsByStep.playground.map(control => control.key)).toContain('n')
    expect(DEMO_KEYS).toContain('n')
    expect(new Set(DEMO_KEYS).size).toBe(DEMO_KEYS.length)
  })

  it('the strip says kubectl changed something while the namespace goes, until Argo CD sees it', () => {
    expect(demoPhase(withNamespace('Active', true))).toBe('synced')
    expect(demoPhase(withNamespace('Terminating', true))).toBe('changed')
    expect(demoPhase(withNamespace('Gone', false))).toBe('changed')
  })

  it('podinfo goes dark only when no pod serves: 503 while the namespace terminates, 404 once it is gone', () => {
    expect(podinfoGone(withNamespace('Active', true).podinfo, 'en')).toBeUndefined()
    // The first 5 s: Terminating, but the pods still serve (the namespace controller has not reached them).
    expect(podinfoGone(withNamespace('Terminating', true).podinfo, 'en')).toBeUndefined()
    expect(podinfoGone(withNamespace('Terminating', false).podinfo, 'nl')).toEqual({ phase: 'Terminating', code: '503', text: 'namespace podinfo: Terminating' })
    expect(podinfoGone(withNamespace('Gone', false).podinfo, 'nl')).toEqual({ phase: 'Gone', code: '404', text: 'namespace podinfo is weg' })
    expect(podinfoGone(withNamespace('Gone', false).podinfo, 'en')?.text).toBe('namespace podinfo is gone')
    // Created again by Argo CD, before its Deployment: still nothing to serve.
    const empty = withNamespace('Active', false).podinfo
    expect(podinfoGone({
      ...empty,
      image: '',
      desiredReplicas: 0,
      pods: [],
    }, 'en')).toEqual({ phase: 'Active', code: '404', text: 'namespace podinfo: still empty' })
    expect(podinfoGone({
      ...empty,
      image: '',
      desiredReplicas: 0,
      pods: [],
    }, 'nl')?.text).toBe('namespace podinfo: nog leeg')
    // A Deployment whose pods are not ready yet is a rollout, not a disaster.
    expect(podinfoGone(empty, 'en')).toBeUndefined()
  })

  it('the handout shows deleted, Missing, retrying, recreated and rebuilt, in that order, in both languages', () => {
    const frames = STEP_MOMENTS.recover.map(moment => handoutFrames[moment]!)
    expect(frames.every(Boolean)).toBe(true)
    expect(frames.map(frame => frame.t)).toEqual([
      ...frames.map(frame => frame.t),
    ].sort((a, b) => a - b))
    const nl = frameCards(frames, 'nl')
    const en = frameCards(frames, 'en')
    expect(nl.map(card => card.name)).toEqual([
      'namespace verwijderd',
      'Argo CD: Missing',
      'sync mislukt: nieuwe poging',
      'namespace opnieuw gemaakt',
      'hersteld uit Git',
    ])
    expect(en.map(card => card.name)).toEqual([
      'namespace deleted',
      'Argo CD: Missing',
      'sync failed: retrying',
      'namespace recreated',
      'rebuilt from Git',
    ])
    expect(en[0]!.command).toBe('kubectl delete namespace podinfo')
    expect(en.map(card => card.health)).toEqual([
      'Healthy',
      'Missing',
      'Missing',
      'Missing',
      'Healthy',
    ])
    expect(en[4]!.sync).toBe('Synced')
    expect(en[2]!.events.map(event => event.text).join('\n')).toMatch(/sync failed, retry 1 of 5 in 10 s: .*being terminated/)
    expect(nl[2]!.events.map(event => event.text).join('\n')).toMatch(/sync mislukt, nieuwe poging 1 van 5 over 10 s/)
  })
})
