import type { DemoState } from '../../../common/protocol'
import type { PlayerTimers } from '../../../common/recording/player'
import { readFileSync } from 'node:fs'
import { parseRecording } from '../../../common/recording/parse'
import { SHIPPED_RECORDING } from '../../../server/replay/recordings'
import { ManualClock } from '../../../server/sim/clock'

export const shippedText = () => readFileSync(SHIPPED_RECORDING, 'utf8')
export const shippedRecording = () => parseRecording(shippedText())

/** Player timers on a manual clock: `clock.advance(ms)` plays what is due. */
export function manualTimers(): { clock: ManualClock, timers: PlayerTimers } {
  const clock = new ManualClock(0)
  return {
    clock,
    timers: {
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: cancel => (cancel as () => void)(),
    },
  }
}

/** A state as the recording holds it: what a replay adds (mode, replay, speed) and when it was sent left out. */
export function recordedPart(state: DemoState): unknown {
  const { mode: _mode, replay: _replay, speed: _speed, updatedAt: _updatedAt, ...rest } = JSON.parse(JSON.stringify(state)) as DemoState
  return {
    ...rest,
    git: { ...rest.git, remote: '' },
  }
}

/** Consecutive repeats dropped. */
export function distinct<T>(values: readonly T[]): T[] {
  const out: T[] = []
  for (const value of values) {
    if (out.length === 0 || JSON.stringify(out.at(-1)) !== JSON.stringify(value))
      out.push(value)
  }
  return out
}
