import type { DemoState } from '../../common/protocol'
import { describe, expect, it } from 'vitest'
import { DEMO_COLORS } from '../../common/demo-colors'
import { controlsByStep, raceColor } from '../../logic/demoControls'

function withDesiredColor(color: string): DemoState {
  return {
    git: {
      desired: {
        replicas: 2,
        color,
        message: 'hi',
        uiYaml: '',
      },
    },
  } as unknown as DemoState
}

describe('the race key', () => {
  it('races with the race colour, and with another one when git already has it', () => {
    expect(raceColor(undefined)).toBe(DEMO_COLORS.race)
    expect(raceColor(withDesiredColor('#34577c'))).toBe(DEMO_COLORS.race)
    expect(raceColor(withDesiredColor(DEMO_COLORS.race.toUpperCase()))).toBe(DEMO_COLORS.raceAgain)
    expect(raceColor(withDesiredColor(DEMO_COLORS.raceAgain))).toBe(DEMO_COLORS.race)
  })

  it('sends that colour', () => {
    const [race] = controlsByStep.race
    expect(race?.request(withDesiredColor(DEMO_COLORS.race))).toEqual({ type: 'git.race', color: DEMO_COLORS.raceAgain })
  })
})
