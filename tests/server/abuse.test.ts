import type { TestClient, TestServer } from './helpers'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, startTestServer, TEST_TOKEN } from './helpers'

/** Opens a raw socket.io connection; resolves with the server's refusal, or 'connected'. */
function connectOnce(url: string, headers: Record<string, string> = {}, token?: string): Promise<string> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
    auth: token
      ? { token }
      : {},
  })
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'))
    socket.once('connect_error', error => resolve(error.message))
  }).finally(() => socket.close())
}

/** What a hostile client sends: any event, any arguments, as fast as it can. */
function looseEmit(client: TestClient, event: string, ...args: unknown[]): void {
  (client.socket as unknown as { emit: (event: string, ...args: unknown[]) => void }).emit(event, ...args)
}

function manyKeys(count: number): Record<string, unknown> {
  const payload: Record<string, unknown> = { type: 'drift.scale', replicas: 2 }
  for (let index = 0; index < count; index++)
    payload[`k${index}`] = index
  return payload
}

describe('viewers cannot load the server', () => {
  let server: TestServer
  const lines: string[] = []
  const logger = {
    info: (line: string) => lines.push(line),
    warn: (line: string) => lines.push(line),
    error: (line: string) => lines.push(line),
  }

  beforeAll(async () => {
    server = await startTestServer({ logger, refusalLogIntervalMs: 200 })
  })
  afterAll(async () => {
    await server.close()
  })

  it('a viewer\'s action is refused as read-only before it is looked at, with a short message', async () => {
    const viewer = await connectClient(server.url)
    try {
      for (const payload of [
        manyKeys(1400),
        { type: 'no.such.action' },
        'garbage',
        {
          type: 'git.setColor',
          color: 'x'.repeat(9000),
        },
      ]) {
        const response = await viewer.act(payload as Record<string, unknown>)
        expect(response).toEqual({ ok: false, error: 'read-only: this connection has no valid presenter token' })
      }
    }
    finally {
      viewer.close()
    }
  })

  it('a viewer that floods is disconnected; the presenter is not', async () => {
    const viewer = await connectClient(server.url)
    const presenter = await connectClient(server.url, TEST_TOKEN)
    try {
      const disconnected = new Promise<string>(resolve => viewer.socket.once('disconnect', reason => resolve(reason)))
      const payload = manyKeys(1400)
      for (let index = 0; index < 2000; index++)
        looseEmit(viewer, 'action', payload, () => {})
      // `io server disconnect`: the server closed it, not a transport error.
      expect(await disconnected).toBe('io server disconnect')
      expect(await presenter.act({ type: 'app.refresh', app: 'podinfo' })).toEqual({ ok: true })
    }
    finally {
      viewer.close()
      presenter.close()
    }
  })

  it('a flood of refused actions leaves a few summary lines in the log, not one per action', async () => {
    const presenter = await connectClient(server.url, TEST_TOKEN)
    const viewer = await connectClient(server.url)
    try {
      lines.length = 0
      // The presenter overfills the queue (16): nearly all are refused as busy.
      const acks = Array.from({ length: 2000 }, () => presenter.act({ type: 'app.refresh', app: 'podinfo' }))
      // A viewer's attempts (under its rate limit) are refused too.
      const refused = Array.from({ length: 5 }, () => viewer.act({ type: 'demo.reset' }))
      const responses = await Promise.all([
        ...acks,
        ...refused,
      ])
      expect(responses.filter(response => !response.ok).length).toBeGreaterThan(1900)
      await new Promise(resolve => setTimeout(resolve, 600))
      const refusalLines = lines.filter(line => /refused/.test(line))
      expect(lines.length, lines.slice(0, 5).join('\n')).toBeLessThanOrEqual(4)
      expect(refusalLines.length).toBeGreaterThanOrEqual(1)
      expect(refusalLines.join('\n')).toMatch(/[\d,]+ actions while busy/)
      expect(refusalLines.join('\n')).toMatch(/read-only/)
      expect(lines.join('\n')).not.toContain(TEST_TOKEN)
    }
    finally {
      presenter.close()
      viewer.close()
    }
  })

  // Last: it uses up this address's connection budget.
  it('a viewer that reconnects over and over is refused at connect, after a pause; the presenter and other addresses are not', async () => {
    /** Connects until refused; the answers, and how long the refusal took. */
    const untilRefused = async (headers: Record<string, string> = {}) => {
      const answers: string[] = []
      let refusalMs = 0
      const since = performance.now()
      do {
        const started = performance.now()
        answers.push(await connectOnce(server.url, headers))
        refusalMs = performance.now() - started
      } while (answers.at(-1) === 'connected' && answers.length < 30)
      return { answers, refusalMs, seconds: (performance.now() - since - refusalMs) / 1000 }
    }
    /**
     * Connects let through (server/access/viewer-limits.ts: a burst of 10, then 2 a second) plus the refused one: on a
     * busy machine each connect is slower, so the bucket refills more in the meantime.
     */
    const budget = (seconds: number) => 10 + Math.ceil(2 * seconds) + 1
    const local = await untilRefused()
    expect(local.answers.at(-1)).toBe('too many connections from your address: try again in a few seconds')
    expect(local.answers.length).toBeLessThanOrEqual(budget(local.seconds))
    // Held for a second: a client that reconnects as soon as it is refused, as socket.io's does, slows down.
    expect(local.refusalMs).toBeGreaterThanOrEqual(900)
    expect(await connectOnce(server.url, {}, TEST_TOKEN)).toBe('connected')
    // Phones behind the deck's proxy each count on their own (the proxy on this machine says who they are)...
    expect(await connectOnce(server.url, { 'x-forwarded-for': '192.0.2.77' })).toBe('connected')
    // ...and one that reconnects over and over is refused at the HTTP handshake, before any WebSocket work.
    const lan = await untilRefused({ 'x-forwarded-for': '192.0.2.78' })
    expect(lan.answers.at(-1)).not.toBe('connected')
    expect(lan.answers.length).toBeLessThanOrEqual(budget(lan.seconds))
  })
})
