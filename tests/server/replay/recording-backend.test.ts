import type { ActionRequest, DemoState } from '../../../common/protocol'
import type { Backend } from '../../../server/backend'
import { EventEmitter } from 'node:events'
import { openSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseRecording } from '../../../common/recording/parse'
import { lineSink, memorySink, openLineFile } from '../../../server/replay/line-file'
import { RecordingBackend } from '../../../server/replay/recording-backend'
import { silentLogger } from '../../../server/support/logger'
import { connectClient, settled, startTestServer, TEST_TOKEN } from '../helpers'
import { shippedRecording } from './helpers'

const start = shippedRecording().frames[0]!.state

/** A live backend the test changes by hand; its Argo CD version answers as told. */
class FakeLive implements Backend {
  readonly mode = 'live' as const
  state: DemoState = {
    ...start,
    mode: 'live',
    cluster: { name: 'ops-demo', connection: 'connected' },
  }

  private readonly emitter = new EventEmitter()
  constructor(private readonly version: () => Promise<string | undefined>) {}
  async start() {}
  getState() {
    return this.state
  }

  connection() {
    return this.state.cluster.connection
  }

  onChange(listener: () => void) {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }

  async perform(request: ActionRequest) {
    if (request.type === 'git.revert')
      throw new Error('nothing to revert')
    this.change({
      podinfo: { ...this.state.podinfo, color: '#e67e22' },
    })
    return { sha: 'abc1234' }
  }

  async close() {}
  argoCdVersion = () => this.version()
  change(part: Partial<DemoState>) {
    this.state = {
      ...this.state,
      ...part,
    }
    this.emitter.emit('change')
  }
}

describe('recording a run', () => {
  it('writes the live states, each action with its answer (failures too) and the Argo CD version', async () => {
    const sink = memorySink()
    const live = new FakeLive(async () => 'v3.1.9')
    const backend = new RecordingBackend(live, { sink, coalesceMs: 5, repoVersion: 'v1.0-3-gabc1234' })
    await backend.start()
    live.change({
      cluster: { name: 'ops-demo', connection: 'down', message: 'ECONNREFUSED' },
    })
    await new Promise(resolve => setTimeout(resolve, 30))
    live.change({
      cluster: { name: 'ops-demo', connection: 'connected' },
    })
    await expect(backend.perform({ type: 'git.setColor', color: '#e67e22' })).resolves.toEqual({ sha: 'abc1234' })
    await expect(backend.perform({ type: 'git.revert' })).rejects.toThrow('nothing to revert')
    await backend.close()

    const recording = parseRecording(sink.text())
    expect(recording.header).toMatchObject({
      mode: 'live',
      cluster: 'ops-demo',
      argoCdVersion: 'v3.1.9',
      repoVersion: 'v1.0-3-gabc1234',
    })
    expect(recording.complete).toBe(true)
    expect(recording.frames.map(frame => frame.state.cluster.connection)).toEqual([
      'connected',
      'down',
      'connected',
      'connected',
    ])
    expect(recording.frames.at(-1)!.state.podinfo.color).toBe('#e67e22')
    expect(recording.actions.map(action => [action.request.type, action.ack?.response])).toEqual([
      [
        'git.setColor',
        { ok: true, sha: 'abc1234' },
      ],
      [
        'git.revert',
        { ok: false, error: 'nothing to revert' },
      ],
    ])
  })

  it('does not wait long for an Argo CD version that does not come', async () => {
    const sink = memorySink()
    const backend = new RecordingBackend(new FakeLive(() => new Promise(() => {})), { sink, versionTimeoutMs: 20 })
    await backend.start()
    await backend.close()
    expect(parseRecording(sink.text()).header.argoCdVersion).toBeUndefined()
  })

  it('a file that cannot be written (disk full) ends the recording with one warning, not the demo', async () => {
    const warnings: string[] = []
    const sink = lineSink(openSync('/dev/full', 'w'), '/dev/full', {
      ...silentLogger,
      warn: message => warnings.push(message),
    })
    const live = new FakeLive(async () => undefined)
    const backend = new RecordingBackend(live, { sink, coalesceMs: 0 })
    await backend.start()
    live.change({
      podinfo: { ...live.state.podinfo, color: '#000001' },
    })
    await expect(backend.perform({ type: 'git.setColor', color: '#e67e22' })).resolves.toEqual({ sha: 'abc1234' })
    await backend.close()
    expect(warnings).toEqual([
      expect.stringMatching(/^recording stopped, \/dev\/full cannot be written: ENOSPC/),
    ])
  })

  it('never writes over an earlier recording', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recording-test-'))
    const file = join(dir, 'run.jsonl')
    openLineFile(file, silentLogger).close()
    expect(() => openLineFile(file, silentLogger)).toThrow(/EEXIST/)
    await rm(dir, { recursive: true, force: true })
  })
})

describe('npm run demo -- --record', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recordings-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes the run to a new file in the recordings folder', async () => {
    const server = await startTestServer({ speed: 20, record: true, recordingsDir: dir })
    const presenter = await connectClient(server.url, TEST_TOKEN)
    await presenter.waitFor(settled, 'the starting state')
    expect(await presenter.act({ type: 'drift.setColor', color: '#c0392b' })).toEqual({ ok: true })
    await presenter.waitFor(state => settled(state) && state.podinfo.color !== '#c0392b', 'healed')
    presenter.close()
    await server.close()
    const files = await readdir(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-simulated\.jsonl$/)
    const recording = parseRecording(await readFile(join(dir, files[0]!), 'utf8'))
    expect(recording.header).toMatchObject({
      mode: 'simulated',
      cluster: 'ops-demo (simulated)',
      repoVersion: expect.any(String),
    })
    expect(recording.actions.map(action => action.request)).toEqual([
      { type: 'drift.setColor', color: '#c0392b' },
    ])
    // At speed 20 OutOfSync lasts a few ms and may share a frame with what followed; the timeline keeps it.
    expect(recording.frames.at(-1)!.state.timeline.some(entry => entry.kind === 'app.outOfSync' && entry.app === 'podinfo')).toBe(true)
    expect(recording.frames.some(frame => frame.state.podinfo.color === '#c0392b')).toBe(true)
    expect(recording.complete).toBe(true)
  })
})
