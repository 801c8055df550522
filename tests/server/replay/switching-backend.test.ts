import type { ActionRequest, ConnectionState, DemoState } from '../../../common/protocol'
import type { Backend } from '../../../server/backend'
import type { TestClient, TestServer } from '../helpers'
import { EventEmitter } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_COLORS } from '../../../common/demo-colors'
import { ReplayBackend } from '../../../server/replay/backend'
import { SHIPPED_RECORDING } from '../../../server/replay/recordings'
import { SwitchingBackend } from '../../../server/replay/switching-backend'
import { connectClient, settled, startTestServer, TEST_TOKEN } from '../helpers'
import { shippedRecording } from './helpers'

const recording = shippedRecording()

/** A live backend whose cluster the test takes down and brings back. */
class FakeLive implements Backend {
  readonly mode = 'live' as const
  link: ConnectionState = 'connected'
  performed: ActionRequest[] = []
  private readonly emitter = new EventEmitter()
  async start() {}
  getState(): DemoState {
    const state = recording.frames[0]!.state
    return {
      ...state,
      mode: 'live',
      cluster: {
        name: 'ops-demo',
        connection: this.link,
        ...(this.link === 'down'
          ? { message: 'connect ECONNREFUSED' }
          : {}),
      },
    }
  }

  connection() {
    return this.link
  }

  onChange(listener: () => void) {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }

  async perform(request: ActionRequest) {
    this.performed.push(request)
    return {}
  }

  async close() {}
  set(link: ConnectionState) {
    this.link = link
    this.emitter.emit('change')
  }
}

describe('the presenter\'s switch to a recording', () => {
  it('never switches by itself: the cluster going down or coming back only changes what the state says', async () => {
    const live = new FakeLive()
    const backend = new SwitchingBackend(live, () => ReplayBackend.open(SHIPPED_RECORDING, { speed: 1000 }))
    await backend.start()
    let changes = 0
    backend.onChange(() => changes++)
    live.set('down')
    expect(backend.mode).toBe('live')
    expect(backend.getState()).toMatchObject({
      mode: 'live',
      cluster: { connection: 'down' },
    })

    expect(await backend.perform({ type: 'replay.start' })).toEqual({})
    expect(backend.mode).toBe('replay')
    expect(backend.getState()).toMatchObject({
      mode: 'replay',
      replay: {
        name: 'demo.jsonl',
        returnTo: { mode: 'live', connection: 'down', message: 'connect ECONNREFUSED' },
      },
    })
    // While replaying, the actions go to the recording, not to the cluster.
    await expect(backend.perform({ type: 'git.setColor', color: DEMO_COLORS.commit })).resolves.toMatchObject({
      sha: expect.any(String),
    })
    await expect(backend.perform({ type: 'drift.scale', replicas: 9 })).rejects.toThrow(/^not in this recording/)
    expect(live.performed).toEqual([])

    const before = changes
    live.set('connected')
    expect(changes).toBe(before + 1)
    expect(backend.mode).toBe('replay')
    expect(backend.getState().replay?.returnTo).toEqual({ mode: 'live', connection: 'connected' })
    expect(await backend.perform({ type: 'replay.start' })).toEqual({})
    expect(backend.mode).toBe('replay')

    expect(await backend.perform({ type: 'replay.stop' })).toEqual({})
    expect(backend.getState()).toMatchObject({
      mode: 'live',
      cluster: { connection: 'connected' },
    })
    expect(backend.getState().replay).toBeUndefined()
    await expect(backend.perform({ type: 'replay.stop' })).rejects.toThrow('not replaying: the demo is already live')
    await backend.perform({ type: 'app.refresh', app: 'podinfo' })
    expect(live.performed).toEqual([
      { type: 'app.refresh', app: 'podinfo' },
    ])
    await backend.close()
  })

  it('a server without the switch says so', async () => {
    const backend = new SwitchingBackend(new FakeLive())
    await backend.start()
    await expect(backend.perform({ type: 'replay.start' })).rejects.toThrow(/no recording to switch to/)
    expect(backend.mode).toBe('live')
  })
})

describe('the switch over the socket', () => {
  let server: TestServer
  let presenter: TestClient
  let audience: TestClient
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switch-test-'))
    // An empty recordings folder: the switch falls back to the shipped recording.
    server = await startTestServer({
      speed: 20,
      replaySwitch: true,
      recordingsDir: dir,
      fallbackRecording: SHIPPED_RECORDING,
    })
    presenter = await connectClient(server.url, TEST_TOKEN)
    audience = await connectClient(server.url)
    await audience.waitFor(settled, 'the starting state')
  })

  afterAll(async () => {
    presenter.close()
    audience.close()
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('is the presenter\'s only: a viewer cannot switch either way', async () => {
    expect(await audience.act({ type: 'replay.start' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^read-only/),
    })
    expect(audience.latest().mode).toBe('simulated')
    expect(await presenter.act({ type: 'replay.start' })).toEqual({ ok: true })
    const replaying = await audience.waitFor(state => state.mode === 'replay', 'the replay')
    expect(replaying.replay).toMatchObject({
      name: 'demo.jsonl',
      recordedAt: '2026-11-20T14:00:00.000Z',
      returnTo: { mode: 'simulated', connection: 'connected' },
    })
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ mode: 'replay' })
    expect(await audience.act({ type: 'replay.stop' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^read-only/),
    })
    expect(audience.latest().mode).toBe('replay')
    expect(await presenter.act({ type: 'replay.stop' })).toEqual({ ok: true })
    await audience.waitFor(state => state.mode === 'simulated' && state.replay === undefined, 'back to the simulation')
  })
})
