import { describe, expect, it } from 'vitest'
import { parseRecording, RecordingError } from '../../../common/recording/parse'
import { shippedText } from '../../server/replay/helpers'

describe('a recording on disk', () => {
  const text = shippedText()
  const lines = text.trimEnd().split('\n')

  it('is a header, a full state, patches, actions with their answers, and an end', () => {
    const recording = parseRecording(text)
    expect(recording.header).toMatchObject({
      format: 'gitops-demo-recording',
      version: 1,
      mode: 'simulated',
      recordedAt: '2026-11-20T14:00:00.000Z',
      repoVersion: expect.stringMatching(/^gitops-in-practice@\d/),
    })
    expect(JSON.parse(lines[1]!)).toMatchObject({ kind: 'state', t: 0 })
    expect(lines.slice(2).some(line => JSON.parse(line).kind === 'patch')).toBe(true)
    expect(recording.complete).toBe(true)
    expect(recording.truncated).toBe(false)
    expect(recording.actions.map(action => action.request.type)).toEqual([
      'drift.setColor',
      'git.setColor',
      'git.revert',
      'drift.deleteNamespace',
      'git.race',
    ])
    expect(recording.actions.every(action => action.ack?.response.ok)).toBe(true)
    const times = recording.frames.map(frame => frame.t)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })

  it('cut anywhere inside a line (power loss) still replays up to its last complete line', () => {
    const full = parseRecording(text)
    let checked = 0
    // Every line boundary, and a cut in the middle of each line.
    for (let index = 2; index < lines.length; index++) {
      const complete = `${lines.slice(0, index).join('\n')}\n`
      const line = lines[index]!
      const cut = complete + line.slice(0, Math.max(1, Math.floor(line.length / 2)))
      const recording = parseRecording(cut)
      expect(recording.truncated, `cut in line ${index + 1}`).toBe(true)
      expect(recording.complete).toBe(false)
      const upToLine = parseRecording(complete)
      expect(upToLine.truncated).toBe(false)
      expect(recording.frames).toEqual(upToLine.frames)
      expect(recording.frames).toEqual(full.frames.slice(0, recording.frames.length))
      checked++
    }
    expect(checked).toBe(lines.length - 2)
  })

  it('an action cut off before its answer is kept without one', () => {
    const actionLine = lines.findIndex(line => JSON.parse(line).kind === 'action')
    const recording = parseRecording(`${lines.slice(0, actionLine + 1).join('\n')}\n`)
    expect(recording.actions).toHaveLength(1)
    expect(recording.actions[0]!.ack).toBeUndefined()
  })

  it('refuses what is not a recording, or is broken in the middle, naming the line', () => {
    const broken = [...lines]
    broken[3] = '{"kind":"patch","t":1,"patch":[{"op":"replace","path":"/nope/deeper","value":1}]}'
    const cases: [string, RegExp][] = [
      ['', /no header/],
      [`${lines[1]}\n`, /line 1 is not its header/],
      [`${lines[0]}\n`, /holds no state/],
      [`${lines[0]}\n{"kind":"patch","t":0,"patch":[{"op":"add","path":"/x","value":1}]}\n`, /line 2: a patch before the first full state/],
      [`${[
        lines[0],
        lines[1],
        'not json',
        ...lines.slice(2),
      ].join('\n')}\n`, /line 3: not JSON/],
      [`${broken.join('\n')}\n`, /line 4: the patch does not apply/],
      [`${[lines[0], lines[1], '{"kind":"ack","t":5,"id":9,"response":{"ok":true}}'].join('\n')}\n`, /line 3: an answer to action 9/],
      [`${[lines[0], lines[1], '{"kind":"state","t":1,"state":{"mode":"simulated"}}'].join('\n')}\n`, /line 3: state\.cluster/],
      [`${lines[0]!.replace('"version":1', '"version":2')}\n${lines[1]}\n`, /line 1: version/],
    ]
    for (const [input, message] of cases)
      expect(() => parseRecording(input), String(message)).toThrow(message)
    expect(() => parseRecording('')).toThrow(RecordingError)
  })
})
