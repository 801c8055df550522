import type { DemoState } from '../../../common/protocol'
import { describe, expect, it } from 'vitest'
import { parseRecording } from '../../../common/recording/parse'
import { memorySink } from '../../../server/replay/line-file'
import { Recorder } from '../../../server/replay/recorder'
import { shippedRecording } from './helpers'

const base = shippedRecording().frames[0]!.state
function withColor(color: string, at: number): DemoState {
  return {
    ...base,
    podinfo: { ...base.podinfo, color },
    updatedAt: new Date(at).toISOString(),
  }
}

describe('the recorder', () => {
  it('writes a header, the first state in full, then patches; merges states of one moment; skips a new updatedAt alone', () => {
    let now = 1_000_000
    const sink = memorySink()
    const recorder = new Recorder({
      write: sink.write,
      now: () => now,
      header: { mode: 'live', cluster: 'ops-demo', argoCdVersion: 'v3.1.9' },
    })
    recorder.state(withColor('#000001', now))
    now += 100
    recorder.state(withColor('#000002', now))
    recorder.state(withColor('#000003', now)) // the same moment: one frame
    now += 100
    recorder.state(withColor('#000003', now)) // only updatedAt differs: no frame
    const id = recorder.action({ type: 'git.setColor', color: '#e67e22' })
    now += 50
    recorder.state(withColor('#e67e22', now))
    recorder.ack(id, { ok: true, sha: 'abc1234' })
    const failed = recorder.action({ type: 'git.revert' })
    recorder.ack(failed, { ok: false, error: 'nothing to revert' })
    recorder.end()

    const kinds = sink.lines.map(line => JSON.parse(line).kind)
    expect(kinds).toEqual([
      'header',
      'state',
      'patch',
      'action',
      'patch',
      'ack',
      'action',
      'ack',
      'end',
    ])
    expect(JSON.parse(sink.lines[0]!)).toEqual({
      kind: 'header',
      format: 'gitops-demo-recording',
      version: 1,
      recordedAt: new Date(1_000_000).toISOString(),
      mode: 'live',
      cluster: 'ops-demo',
      argoCdVersion: 'v3.1.9',
    })
    expect(JSON.parse(sink.lines[2]!).patch).toEqual([
      { op: 'replace', path: '/podinfo/color', value: '#000003' },
      {
        op: 'replace',
        path: '/updatedAt',
        value: new Date(1_000_100).toISOString(),
      },
    ])

    const recording = parseRecording(sink.text())
    expect(recording.complete).toBe(true)
    expect(recording.frames.map(frame => [frame.t, frame.state.podinfo.color])).toEqual([
      [0, '#000001'],
      [100, '#000003'],
      [250, '#e67e22'],
    ])
    expect(recording.actions).toEqual([
      {
        id: 1,
        t: 200,
        request: { type: 'git.setColor', color: '#e67e22' },
        frame: 2,
        ack: {
          t: 250,
          response: { ok: true, sha: 'abc1234' },
        },
      },
      {
        id: 2,
        t: 250,
        request: { type: 'git.revert' },
        frame: 3,
        ack: {
          t: 250,
          response: { ok: false, error: 'nothing to revert' },
        },
      },
    ])
  })
})
