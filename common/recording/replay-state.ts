// What a replayed state looks like on the wire: the recorded state, its mode `replay` and what was recorded.
import type { DemoState, ReplayInfo } from '../protocol'
import type { Recording } from './parse'

export function replayInfo(recording: Recording, name: string): ReplayInfo {
  const { header } = recording
  return {
    recordedAt: header.recordedAt,
    recordedMode: header.mode,
    name,
    ...(header.repoVersion === undefined
      ? {}
      : { repoVersion: header.repoVersion }),
    ...(header.argoCdVersion === undefined
      ? {}
      : { argoCdVersion: header.argoCdVersion }),
  }
}

/** Never `live` or `simulated`: a replayed state says it is a replay, and of what. */
export function asReplayState(state: DemoState, info: ReplayInfo, speed?: number): DemoState {
  return {
    ...state,
    mode: 'replay',
    speed,
    replay: info,
  }
}
