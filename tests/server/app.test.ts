import type { TestClient, TestServer } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTION_TYPES, demoStateSchema } from '../../common/protocol'
import { seededRandom } from '../../server/support/seeded-random'
import { connectClient, settled, startTestServer, TEST_TOKEN } from './helpers'

function randomValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2
    ? 6
    : 9))
  switch (pick) {
    case 0: return null
    case 1: return random() < 0.5
    case 2: return Math.floor(random() * 40) - 20
    case 3: return random() * 1e6
    case 4: return [
      '',
      '#ff0000',
      'podinfo',
      '../../etc/passwd',
      '__proto__',
      'x'.repeat(300),
      '#12345g',
      'HEAD',
    ][Math.floor(random() * 8)]
    case 5: return undefined
    case 6: return Array.from({
      length: Math.floor(random() * 4),
    }, () => randomValue(random, depth + 1))
    default: {
      const object: Record<string, unknown> = {}
      for (const key of [
        'type',
        'replicas',
        'color',
        'pod',
        'app',
        'sha',
        'message',
        'constructor',
        'extra',
      ]) {
        if (random() < 0.35)
          object[key] = randomValue(random, depth + 1)
      }
      return object
    }
  }
}

/** Mostly near-misses of real actions, some garbage. Valid ones get through as real actions. */
function randomPayload(random: () => number): unknown {
  if (random() < 0.3)
    return randomValue(random)
  const type = random() < 0.8
    ? ACTION_TYPES[Math.floor(random() * ACTION_TYPES.length)]
    : randomValue(random)
  const payload = randomValue(random, 1)
  // Keep git actions and real drift rare: they are valid and would do slow, real work.
  const base = typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? payload
    : {}
  return {
    ...base,
    type,
    ...(random() < 0.95
      ? { junk: true }
      : {}),
  }
}

/** What a hostile client can send: any event, any arguments, no ack. */
function looseEmit(client: TestClient, event: string, ...args: unknown[]): void {
  (client.socket as unknown as { emit: (event: string, ...args: unknown[]) => void }).emit(event, ...args)
}

describe('demo server', () => {
  let server: TestServer
  let presenter: TestClient

  beforeAll(async () => {
    server = await startTestServer({ speed: 20 })
    presenter = await connectClient(server.url, TEST_TOKEN)
    await presenter.waitFor(settled, 'the starting state')
  })

  afterAll(async () => {
    presenter.close()
    await server.close()
  })

  it('answers /healthz and nothing else over plain HTTP', async () => {
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true, mode: 'simulated', connection: 'connected' })
    expect((await fetch(`${server.url}/.demo/token`)).status).toBe(404)
  })

  it('sends a state that matches the protocol, without the token in it', () => {
    const state = presenter.latest()
    expect(demoStateSchema.safeParse(state).success).toBe(true)
    expect(JSON.stringify(state)).not.toContain(TEST_TOKEN)
  })

  it('survives 10,000 random payloads and still answers', async () => {
    const random = seededRandom(20261120)
    const acks: Promise<unknown>[] = []
    for (let index = 0; index < 10_000; index++) {
      const payload = randomPayload(random)
      if (index % 500 === 0)
        looseEmit(presenter, 'action', payload) // no ack function at all
      else
        acks.push(presenter.socket.timeout(20_000).emitWithAck('action', payload as never))
    }
    const responses = await Promise.all(acks) as { ok: boolean, error?: string }[]
    expect(responses.every(response => typeof response.ok === 'boolean')).toBe(true)
    expect(responses.filter(response => !response.ok).every(response => typeof response.error === 'string' && !response.error.includes(TEST_TOKEN))).toBe(true)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    expect(await presenter.act({ type: 'app.refresh', app: 'podinfo' })).toEqual({ ok: true })
  })

  it('drops an oversized message by closing that connection, and keeps serving others', async () => {
    const client = await connectClient(server.url, TEST_TOKEN)
    const closed = new Promise<string>(resolve => client.socket.once('disconnect', reason => resolve(reason)))
    looseEmit(client, 'action', {
      type: 'git.setColor',
      color: '#ff0000',
      message: 'x'.repeat(64 * 1024),
    })
    expect(await closed).toBeTruthy()
    const other = await connectClient(server.url, TEST_TOKEN)
    expect(await other.act({ type: 'app.refresh', app: 'podinfo' })).toEqual({ ok: true })
    other.close()
  })

  it('ignores events it does not know', async () => {
    looseEmit(presenter, 'exec', 'rm -rf /')
    expect(await presenter.act({ type: 'app.refresh', app: 'root' })).toEqual({ ok: true })
  })

  it('runs a flood of valid actions one at a time and refuses the overflow cleanly', async () => {
    // The simulated Deployment exists once the first sync applied it (slow beside other work): scaling before is refused.
    await presenter.waitFor(settled, 'settled before the flood')
    const responses = await Promise.all(Array.from({ length: 40 }, (_, index) => presenter.act({
      type: 'drift.scale',
      replicas: index % 2 === 0
        ? 3
        : 2,
    })))
    expect(responses.flatMap(response => response.ok || response.error.startsWith('busy: ')
      ? []
      : [response.error])).toEqual([])
    expect(responses.some(response => response.ok)).toBe(true)
    await presenter.act({ type: 'drift.scale', replicas: 2 })
    const state = await presenter.waitFor(settled, 'settled after the flood')
    expect(state.podinfo.desiredReplicas).toBe(2)
  })
})
