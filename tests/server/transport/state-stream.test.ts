import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, DemoState, ServerToClientEvents, StatePatch } from '../../../common/protocol'
import type { TestServer } from '../helpers'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, settled, startTestServer, TEST_TOKEN } from '../helpers'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

/** A raw client: what arrives, in order, and how many bytes of it. */
function recordingClient(url: string) {
  const socket: Client = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  })
  const received: ({ event: 'state', state: DemoState, seq: number, bytes: number } | { event: 'patch', patch: StatePatch, bytes: number })[] = []
  socket.on('state', (state, seq) => received.push({
    event: 'state',
    state,
    seq,
    bytes: JSON.stringify(state).length,
  }))
  socket.on('patch', patch => received.push({ event: 'patch', patch, bytes: JSON.stringify(patch).length }))
  return { socket, received }
}

describe('the state stream', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ speed: 20 })
  })
  afterAll(async () => {
    await server.close()
  })

  it('sends the whole state once, then patches a fraction of its size, numbered without gaps', async () => {
    const presenter = await connectClient(server.url, TEST_TOKEN)
    const viewer = recordingClient(server.url)
    try {
      await presenter.waitFor(settled, 'the starting state')
      expect(await presenter.act({ type: 'git.setColor', color: '#118833' })).toMatchObject({ ok: true })
      await presenter.waitFor(state => settled(state) && state.podinfo.color === '#118833', 'the new colour rolled out')
      await new Promise(resolve => setTimeout(resolve, 200))
      const [first, ...rest] = viewer.received
      expect(first?.event).toBe('state')
      expect(rest.length).toBeGreaterThan(5)
      expect(rest.every(message => message.event === 'patch')).toBe(true)
      const seqs = rest.map(message => message.event === 'patch'
        ? message.patch.seq
        : -1)
      const start = first?.event === 'state'
        ? first.seq
        : -1
      expect(seqs).toEqual(seqs.map((_, index) => start + index + 1))
      const patchBytes = rest.reduce((sum, message) => sum + message.bytes, 0)
      // Against sending the whole state every time, as the server did before patches. (This state is young, ~3 KB;
      // with a full timeline it is ~17 KB and the patches stay the same size: bench/soak.ts has the figures.)
      expect(patchBytes).toBeLessThan(rest.length * first!.bytes * 0.35)
    }
    finally {
      presenter.close()
      viewer.socket.close()
    }
  })

  it('sends the whole state again when a client asks (resync), then goes on with patches', async () => {
    const presenter = await connectClient(server.url, TEST_TOKEN)
    const viewer = recordingClient(server.url)
    try {
      await new Promise(resolve => viewer.socket.once('state', resolve))
      viewer.socket.emit('resync')
      await new Promise(resolve => viewer.socket.once('state', resolve))
      const again = viewer.received.filter(message => message.event === 'state')
      expect(again).toHaveLength(2)
      expect(await presenter.act({ type: 'drift.scale', replicas: 3 })).toEqual({ ok: true })
      await presenter.waitFor(state => state.podinfo.desiredReplicas === 3, 'scaled')
      await new Promise(resolve => setTimeout(resolve, 200))
      const last = again.at(-1)!
      const after = viewer.received.slice(viewer.received.indexOf(last) + 1)
      expect(after[0]).toMatchObject({
        event: 'patch',
        patch: {
          seq: last.event === 'state'
            ? last.seq + 1
            : -1,
        },
      })
      expect(await presenter.act({ type: 'drift.scale', replicas: 2 })).toEqual({ ok: true })
      await presenter.waitFor(settled, 'settled again')
    }
    finally {
      presenter.close()
      viewer.socket.close()
    }
  })

  it('a follower of the patches ends with the same state as a client that just connected', async () => {
    const presenter = await connectClient(server.url, TEST_TOKEN)
    const viewer = await connectClient(server.url)
    try {
      for (const request of [
        { type: 'git.setColor', color: '#aa5500', message: 'Ünïcode ✓' },
        { type: 'drift.deletePod' },
        { type: 'git.revert' },
      ] as const)
        expect(await presenter.act(request)).toMatchObject({ ok: true })
      await presenter.waitFor(state => settled(state) && state.podinfo.color !== '#aa5500', 'the revert rolled out')
      await new Promise(resolve => setTimeout(resolve, 300))
      const fresh = await connectClient(server.url)
      expect(viewer.latest()).toEqual(fresh.latest())
      fresh.close()
    }
    finally {
      presenter.close()
      viewer.close()
    }
  })
})
