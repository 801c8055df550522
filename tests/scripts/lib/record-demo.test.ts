import type { ActionResult, DemoState } from '../../../common/protocol'
import type { DemoEvent } from '../../../scripts/lib/record-demo'
import { describe, expect, it } from 'vitest'
import { parseRecording } from '../../../common/recording/parse'
import { recordSimulatedDemo } from '../../../scripts/lib/record-demo'
import { ReplayBackend } from '../../../server/replay/backend'
import { distinct, manualTimers, recordedPart } from '../../server/replay/helpers'

/** What the audience saw while recording: per moment (and per action boundary), the last state. */
function seenWhileRecording(events: readonly DemoEvent[]): unknown[] {
  const moments: { key: string, state: DemoState }[] = []
  let actions = 0
  for (const event of events) {
    if (event.kind === 'action') {
      actions++
      continue
    }
    const key = `${event.t}/${actions}`
    if (moments.at(-1)?.key === key)
      moments.at(-1)!.state = event.state
    else
      moments.push({ key, state: event.state })
  }
  return distinct(moments.map(moment => recordedPart(moment.state)))
}

describe('npm run record', () => {
  it('records the talk\'s demo byte for byte the same twice, and replaying it shows the same states in the same order', async () => {
    const events: DemoEvent[] = []
    const first = await recordSimulatedDemo({
      observe: event => events.push(event),
    })
    const second = await recordSimulatedDemo()
    expect(second).toBe(first)

    const recording = parseRecording(first)
    expect(recording.complete).toBe(true)
    const { clock, timers } = manualTimers()
    const replay = new ReplayBackend(recording, { name: 'demo.jsonl', timers })
    const replayed: DemoState[] = []
    replay.onChange(() => replayed.push(replay.getState()))
    await replay.start()
    clock.advance(600_000)
    const answers: ActionResult[] = []
    for (const event of events) {
      if (event.kind !== 'action')
        continue
      const answer = replay.perform(event.request)
      clock.advance(600_000)
      answers.push(await answer)
    }
    await replay.close()

    expect(replayed.every(state => state.mode === 'replay' && state.replay?.recordedAt === '2026-11-20T14:00:00.000Z')).toBe(true)
    const expected = seenWhileRecording(events)
    expect(expected.length).toBeGreaterThan(20)
    expect(distinct(replayed.map(recordedPart))).toEqual(expected)
    expect(answers).toEqual(recording.actions.map((action) => {
      const { ok: _ok, ...result } = action.ack!.response as { ok: true }
      return result
    }))
    expect(answers.filter(answer => answer.sha)).toHaveLength(3)
  }, 120_000)
})
