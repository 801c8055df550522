import type { DemoServer } from '../../../server/app'
import type { TestClient } from '../helpers'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_COLORS } from '../../../common/demo-colors'
import { startDemoServer } from '../../../server/app'
import { BackendUnavailableError } from '../../../server/backend'
import { ReplayBackend } from '../../../server/replay/backend'
import { SHIPPED_RECORDING } from '../../../server/replay/recordings'
import { silentLogger } from '../../../server/support/logger'
import { connectClient, TEST_TOKEN } from '../helpers'
import { shippedRecording, shippedText } from './helpers'

const recording = shippedRecording()
const commitSha = (recording.actions[1]!.ack!.response as { sha: string }).sha

describe('npm run demo -- --backend replay --recording recordings/demo.jsonl', () => {
  let server: DemoServer
  let presenter: TestClient
  let audience: TestClient

  beforeAll(async () => {
    server = await startDemoServer({
      backend: 'replay',
      recording: SHIPPED_RECORDING,
      speed: 50,
      port: 0,
      token: TEST_TOKEN,
      tokenFile: false,
      logger: silentLogger,
    })
    presenter = await connectClient(server.url, TEST_TOKEN)
    audience = await connectClient(server.url)
  })

  afterAll(async () => {
    presenter.close()
    audience.close()
    await server.close()
  })

  it('serves the recorded states as a replay, never as live or simulated', async () => {
    expect(audience.latest()).toMatchObject({
      mode: 'replay',
      replay: { recordedAt: '2026-11-20T14:00:00.000Z', recordedMode: 'simulated', name: 'demo.jsonl' },
    })
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true, mode: 'replay', connection: 'connected' })
  })

  it('answers the presenter\'s commit with the recorded commit and plays what followed', async () => {
    expect(await presenter.act({ type: 'git.setColor', color: DEMO_COLORS.commit })).toEqual({ ok: true, sha: commitSha })
    const done = await audience.waitFor(state => state.podinfo.pods.length === 2 && state.podinfo.pods.every(pod => pod.color === DEMO_COLORS.commit && pod.ready), 'rolled out')
    expect(done.git.head).toBe(commitSha)
    expect(audience.states.every(state => state.mode === 'replay')).toBe(true)
  })

  it('says "not in this recording" for an action it does not hold, and viewers stay read-only', async () => {
    expect(await presenter.act({ type: 'drift.scale', replicas: 7 })).toEqual({
      ok: false,
      error: expect.stringMatching(/^not in this recording: drift\.scale 7 \(it holds: /),
    })
    expect(await audience.act({ type: 'git.revert' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^read-only/),
    })
    expect(await presenter.act({ type: 'replay.stop' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('only replays a recording'),
    })
  })
})

describe('a recording cut short', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-test-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('replays up to its last complete line; what came after is not in it', async () => {
    const text = shippedText()
    // The revert's action line, wherever the recording puts it in time.
    const revertLine = text.lastIndexOf('{"kind":"action"', text.indexOf('"request":{"type":"git.revert"}'))
    const file = join(dir, 'cut.jsonl')
    // Power loss in the middle of the revert's line.
    await writeFile(file, text.slice(0, revertLine + 20))
    const backend = await ReplayBackend.open(file, { speed: 1000 })
    expect(backend.recording.truncated).toBe(true)
    await backend.start()
    expect(backend.getState().replay?.name).toBe('cut.jsonl')
    await expect(backend.perform({ type: 'git.setColor', color: DEMO_COLORS.commit })).resolves.toEqual({ sha: commitSha })
    await expect(backend.perform({ type: 'git.revert' })).rejects.toThrow(/^not in this recording: git\.revert/)
    await backend.close()
  })

  it('a missing or broken file is one clear line', async () => {
    await expect(ReplayBackend.open(join(dir, 'nope.jsonl'))).rejects.toThrow(BackendUnavailableError)
    await expect(ReplayBackend.open(join(dir, 'nope.jsonl'))).rejects.toThrow(/^no recording at .*nope\.jsonl$/)
    await writeFile(join(dir, 'junk.jsonl'), 'hello\n')
    await expect(ReplayBackend.open(join(dir, 'junk.jsonl'))).rejects.toThrow(/junk\.jsonl is not a usable recording: line 1: not JSON/)
  })
})
