import { describe, expect, it } from 'vitest'
import { parseActionRequest } from '../../common/protocol'

// Every free-text field of the action schema: what ends up in a commit subject or in podinfo's env.
const freeText = [
  { type: 'git.setColor', color: '#00ff00', field: 'message' },
  { type: 'git.setColor', color: '#00ff00', field: 'commitMessage' },
  { type: 'git.race', color: '#00ff00', field: 'message' },
] as const

const controls = [
  '\0',
  '\x01',
  '\b',
  '\t',
  '\n',
  '\r',
  '\x1B[31m',
  '\x7F',
  '\x85',
  '\u2028',
  '\u2029',
]

describe('free text in actions', () => {
  for (const { type, color, field } of freeText) {
    it(`${type} refuses control characters in ${field}, with a message that says so`, () => {
      for (const control of controls) {
        const result = parseActionRequest({ type, color, [field]: `before${control}after` })
        expect(result, JSON.stringify(control)).toEqual({
          ok: false,
          error: `invalid ${type}: ${field}: must not contain control characters (such as NUL or a line break)`,
        })
      }
    })

    it(`${type} still takes ordinary text in ${field}, accents and emoji included`, () => {
      for (const text of [
        'Hallo wereld',
        'Café — naïve “quotes” 🚀',
        'ü/ß/é, 100 %',
        'a "quoted" \'word\'',
      ]) {
        expect(parseActionRequest({ type, color, [field]: text })).toEqual({
          ok: true,
          request: { type, color, [field]: text },
        })
      }
    })
  }
})

describe('error messages', () => {
  it('stay short whatever the payload: 1,400 unknown keys are not listed back', () => {
    const payload: Record<string, unknown> = { type: 'drift.scale', replicas: 2 }
    for (let index = 0; index < 1400; index++)
      payload[`key${index}_${'x'.repeat(8)}`] = index
    const result = parseActionRequest(payload)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.length).toBeLessThanOrEqual(200)
      expect(result.error).toMatch(/^invalid drift\.scale: /)
    }
  })

  it('stay short for long field names and values too', () => {
    const long = 'k'.repeat(5000)
    for (const payload of [
      { type: 'drift.scale', replicas: 2, [long]: 1 },
      { type: 'git.setColor', color: `#${'f'.repeat(9000)}` },
      {
        type: 'x'.repeat(9000),
      },
    ]) {
      const result = parseActionRequest(payload)
      expect(result.ok).toBe(false)
      if (!result.ok)
        expect(result.error.length, result.error.slice(0, 80)).toBeLessThanOrEqual(200)
    }
  })
})
