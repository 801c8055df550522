// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import FrameCards from '../../components/FrameCards.vue'
import { useLang } from '../../composables/useLang'
import { STEP_MOMENTS } from '../../logic/demoMoments'
import { handoutFrames } from '../../logic/handoutFrames'
import { ENGLISH_ONLY } from '../helpers/timeline'

const framesOf = (step: keyof typeof STEP_MOMENTS) => STEP_MOMENTS[step].map(moment => handoutFrames[moment]!)

describe('frameCards: the recorded demo on the handout page', () => {
  it('one row per moment: its name, time and commit, podinfo\'s colour, git against the cluster, Argo CD and the events', () => {
    useLang().lang.value = 'nl'
    const wrapper = mount(FrameCards, {
      props: {
        frames: framesOf('drift'),
      },
    })
    const rows = wrapper.findAll('[data-moment]')
    expect(rows.map(row => row.attributes('data-moment'))).toEqual(STEP_MOMENTS.drift)
    const outOfSync = rows[1]!.text()
    expect(outOfSync).toContain('Argo CD: OutOfSync')
    expect(outOfSync).toContain(`HEAD ${handoutFrames.outOfSync!.state.git.head.slice(0, 7)}`)
    expect(outOfSync).toMatch(/podinfo toont #[0-9a-f]{6}/)
    expect(outOfSync).toMatch(/Git #[0-9a-f]{6} ≠ cluster #[0-9a-f]{6}/)
    expect(outOfSync).toContain('podinfo: OutOfSync (color: git')
    expect(outOfSync).not.toMatch(ENGLISH_ONLY)
    // The command behind all four moments, once.
    expect(wrapper.findAll('.command').map(command => command.text())).toEqual([
      expect.stringMatching(/^\$ kubectl /),
    ])
    expect(rows[0]!.findAll('.pod').map(pod => pod.text())).toEqual(['●', '●', '◌'])
  })

  it('four moments of four commands: each row names its command and keeps to its newest event', () => {
    useLang().lang.value = 'en'
    const wrapper = mount(FrameCards, {
      props: {
        frames: framesOf('playground'),
      },
    })
    expect(wrapper.findAll('.command')).toHaveLength(4)
    expect(wrapper.findAll('[data-moment]').map(row => row.findAll('.events li').length)).toEqual([1, 1, 1, 1])
    expect(wrapper.text()).toContain('2 of 2 pods ready')
  })
})
