import type { KeyFrame } from '../../common/recording/key-frames'
import { describe, expect, it } from 'vitest'
import { STEP_MOMENTS } from '../../logic/demoMoments'
import { frameCards } from '../../logic/frameCards'
import { handoutFrames } from '../../logic/handoutFrames'
import { ENGLISH_ONLY } from '../helpers/timeline'

const framesOf = (step: keyof typeof STEP_MOMENTS): KeyFrame[] => STEP_MOMENTS[step].map(moment => handoutFrames[moment]!)

describe('frameCards: the recorded demo as the handout prints it', () => {
  it('drift: four numbered moments of one command, in order, each with what git, the cluster and Argo CD said', () => {
    const cards = frameCards(framesOf('drift'), 'en')
    expect(cards.map(card => `${card.no} ${card.name}`)).toEqual([
      '1 kubectl changes the colour',
      '2 Argo CD: OutOfSync',
      '3 self-heal: sync',
      '4 healed from Git',
    ])
    expect(cards.map(card => card.seconds)).toEqual([
      ...cards.map(card => card.seconds),
    ].sort((a, b) => a - b))
    // One kubectl command behind all four: the first card names it, the others do not repeat it.
    expect(cards[0]!.command).toMatch(/^kubectl .*PODINFO_UI_COLOR=#/)
    expect(cards.slice(1).map(card => card.command)).toEqual([undefined, undefined, undefined])
    const [drift, outOfSync, , healed] = cards
    // The cluster was changed by hand; the old pods still serve git's colour while the new one starts.
    expect(drift!.live).not.toBe(drift!.git)
    expect(drift!.served).toBe(drift!.git)
    expect(drift!.pods.some(pod => pod.phase === 'Pending' && pod.color === drift!.live)).toBe(true)
    expect(outOfSync).toMatchObject({ sync: 'OutOfSync' })
    expect(outOfSync!.events.map(event => event.text)).toContain(`podinfo: OutOfSync (color: git ${drift!.git}, live ${drift!.live})`)
    expect(healed).toMatchObject({
      sync: 'Synced',
      health: 'Healthy',
      live: drift!.git,
      served: drift!.git,
      ready: '2 of 2 pods ready',
    })
    expect(healed!.pods.every(pod => pod.phase === 'Running' && pod.ready)).toBe(true)
    expect(new Set(cards.map(card => card.head))).toEqual(new Set([
      handoutFrames.drift!.state.git.head.slice(0, 7),
    ]))
  })

  it('the playground: moments of four actions, each card names its own command; `events` limits the lines', () => {
    const cards = frameCards(framesOf('playground'), 'en', { events: 1 })
    expect(cards.map(card => card.command?.split(' ')[0])).toEqual(['kubectl', 'git', 'git', 'git'])
    expect(cards.every(card => card.events.length === 1)).toBe(true)
    expect(new Set(cards.map(card => card.head)).size).toBe(4)
  })

  it('in Dutch: the moments, the pods and the events in Dutch words', () => {
    const cards = frameCards(framesOf('commit'), 'nl')
    expect(cards.map(card => card.name)).toEqual(['git commit + push', 'auto-sync loopt', 'gedeployd'])
    expect(cards.at(-1)!.ready).toBe('2 van 2 pods klaar')
    const words = cards.flatMap(card => [
      card.ready,
      ...card.events.map(event => event.text),
    ])
    expect(words.join(' ')).toContain('healthstatus Healthy')
    expect(words.filter(text => ENGLISH_ONLY.test(text))).toEqual([])
  })
})
