import type { DemoState } from '../../../common/protocol'
import { describe, expect, it } from 'vitest'
import { DEMO_COLORS } from '../../../common/demo-colors'
import { ReplayPlayer } from '../../../common/recording/player'
import { manualTimers, recordedPart, shippedRecording } from '../../server/replay/helpers'

const recording = shippedRecording()
const [drift, commit, revert, deletion, race] = recording.actions

function player(speed = 1, maxWaitMs?: number) {
  const { clock, timers } = manualTimers()
  const replay = new ReplayPlayer(recording, {
    name: 'demo.jsonl',
    speed,
    timers,
    maxWaitMs,
  })
  const shown: number[] = []
  replay.onChange((change) => {
    if (change === 'frame')
      shown.push(replay.frame)
  })
  return { replay, clock, shown }
}

describe('the replay player', () => {
  it('says it is a replay, of what, and when it was recorded', () => {
    const { replay } = player()
    replay.start()
    const state: DemoState = replay.state()
    expect(state.mode).toBe('replay')
    expect(state.replay).toEqual({
      recordedAt: recording.header.recordedAt,
      recordedMode: 'simulated',
      name: 'demo.jsonl',
      repoVersion: recording.header.repoVersion,
    })
    expect(recordedPart(state)).toEqual(recordedPart(recording.frames[0]!.state))
  })

  it('plays the opening, then waits for the presenter', () => {
    const { replay, clock, shown } = player()
    replay.start()
    clock.advance(10 * 60_000)
    expect(shown).toEqual([
      0,
      ...Array.from({ length: drift!.frame - 1 }, (_, index) => index + 1),
    ])
    expect(replay.frame).toBe(drift!.frame - 1)
    expect(replay.playing).toBe(false)
  })

  it('answers a recorded action with what it did then, at the recorded pace (or faster)', async () => {
    for (const speed of [1, 4]) {
      const { replay, clock, shown } = player(speed)
      replay.start()
      clock.advance(60_000)
      shown.length = 0
      const clicked = clock.now()
      const upperCase = DEMO_COLORS.commit.toUpperCase()
      const answer = replay.perform({ type: 'git.setColor', color: upperCase })
      const segment = recording.frames.slice(commit!.frame, revert!.frame)
      // Each frame appears when it appeared after the click, divided by the speed.
      for (const [offset, frame] of segment.entries()) {
        const due = (frame.t - commit!.t) / speed
        if (due > clock.now() - clicked) {
          clock.advance(clicked + due - clock.now() - 1)
          expect(shown, `frame ${commit!.frame + offset} not before ${due} ms`).not.toContain(commit!.frame + offset)
        }
        clock.advance(1)
        expect(shown).toContain(commit!.frame + offset)
      }
      await expect(answer).resolves.toEqual({ sha: (commit!.ack!.response as { sha: string }).sha })
      clock.advance(60_000)
      expect(replay.frame).toBe(revert!.frame - 1)
      expect(replay.state().podinfo.color).toBe(DEMO_COLORS.commit)
    }
  })

  it('plays demo 4: the namespace Terminating, gone, back Active, podinfo Synced and Healthy as recorded', async () => {
    const { replay, clock, shown } = player()
    replay.start()
    // The presenter's earlier demos first: each plays its part up to the next action.
    for (const request of [drift!, commit!, revert!].map(action => action.request)) {
      void replay.perform(request)
      clock.advance(10 * 60_000)
    }
    expect(replay.frame).toBe(deletion!.frame - 1)
    shown.length = 0
    const answer = replay.perform({ type: 'drift.deleteNamespace' })
    clock.advance(10 * 60_000)
    await expect(answer).resolves.toEqual({})
    const phases = shown.map(frame => recording.frames[frame]!.state.podinfo.namespace?.phase)
    expect(phases.indexOf('Terminating')).toBeGreaterThanOrEqual(0)
    expect(phases.indexOf('Gone')).toBeGreaterThan(phases.indexOf('Terminating'))
    expect(phases.lastIndexOf('Active')).toBeGreaterThan(phases.indexOf('Gone'))
    expect(replay.frame).toBe(race!.frame - 1)
    const end = replay.state()
    expect(end.podinfo.namespace?.phase).toBe('Active')
    expect(end.applications.find(app => app.name === 'podinfo')).toMatchObject({ syncStatus: 'Synced', healthStatus: 'Healthy' })
  })

  it('refuses an action the recording does not hold, saying so and what it does hold', async () => {
    const { replay } = player()
    replay.start()
    const before = replay.frame
    await expect(replay.perform({ type: 'drift.scale', replicas: 7 })).rejects.toThrow(
      `not in this recording: drift.scale 7 (it holds: drift.setColor ${DEMO_COLORS.drift}, git.setColor ${DEMO_COLORS.commit}, git.revert, drift.deleteNamespace, git.race ${DEMO_COLORS.race})`,
    )
    await expect(replay.perform({ type: 'git.setColor', color: '#00ff00' })).rejects.toThrow(/^not in this recording: git\.setColor #00ff00/)
    expect(replay.frame).toBe(before)
  })

  it('jumps to a later action and back to an earlier one (a demo shown twice)', async () => {
    const { replay, clock } = player(10)
    replay.start()
    const reverted = replay.perform({ type: 'git.revert' })
    expect(replay.frame).toBe(revert!.frame - 1)
    clock.advance(60_000)
    await expect(reverted).resolves.toMatchObject({
      sha: expect.any(String),
    })
    const drifted = replay.perform({ type: 'drift.setColor', color: DEMO_COLORS.drift })
    expect(replay.frame).toBe(drift!.frame - 1)
    clock.advance(60_000)
    await drifted
    expect(replay.frame).toBe(commit!.frame - 1)
  })

  it('plays, pauses, steps and seeks through the whole recording (the static deck)', () => {
    const { replay, clock } = player(1, 500)
    replay.start()
    replay.seek(0)
    expect(replay.playing).toBe(false)
    replay.step()
    expect(replay.frame).toBe(1)
    replay.play()
    expect(replay.playing).toBe(true)
    clock.advance(500)
    const reached = replay.frame
    expect(reached).toBeGreaterThan(1)
    replay.pause()
    clock.advance(60_000)
    expect(replay.frame).toBe(reached)
    replay.play()
    // Waits are capped at 500 ms: the whole recording plays in frames × 500 ms at most.
    clock.advance(recording.frames.length * 500)
    expect(replay.frame).toBe(recording.frames.length - 1)
    expect(replay.playing).toBe(false)
    replay.seek(1e9)
    expect(replay.frame).toBe(recording.frames.length - 1)
  })

  it('answers a pending action at once when it is closed', async () => {
    const { replay } = player()
    replay.start()
    const answer = replay.perform({ type: 'git.revert' })
    replay.close()
    await expect(answer).resolves.toMatchObject({
      sha: expect.any(String),
    })
  })
})
