// The deck's proxy to the demo server, in a real Vite dev server with the deck's bridge plugin: what the presenter's
// terminal shows when the demo server is not there and when a browser's connection is cut.
import type { AddressInfo } from 'node:net'
import type { ViteDevServer } from 'vite'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer as createHttpServer, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { createServer } from 'vite'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { freePort } from '../../../scripts/lib/net'
import { QUIET_MS, withQuietProxyErrors } from '../../../server/deck-bridge/proxy-log'
import { demoBridge } from '../../../server/deck-bridge/vite-plugin'

/** Everything Vite's logger printed, colours removed. */
function capture() {
  const lines: string[] = []
  for (const method of ['info', 'log', 'warn', 'error'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => lines.push(stripVTControlCharacters(args.join(' '))))
  return lines
}

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({
      host: '127.0.0.1',
      port,
      path,
      headers: { host: `localhost:${port}` },
    }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    }).on('error', reject).end()
  })
}

/** A WebSocket upgrade through the deck, which the far side answers by cutting the connection. */
function cutUpgrade(port: number): Promise<void> {
  return new Promise((resolve) => {
    const sent = request({
      host: '127.0.0.1',
      port,
      path: '/socket.io/?EIO=4&transport=websocket',
      headers: {
        'host': `localhost:${port}`,
        'connection': 'Upgrade',
        'upgrade': 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      },
    })
    sent.on('error', () => resolve())
    sent.on('response', (response) => {
      response.resume()
      resolve()
    })
    sent.on('upgrade', (_response, socket) => {
      socket.destroy()
      resolve()
    })
    sent.end()
  })
}

describe('the deck\'s proxy to the demo server, as the presenter\'s terminal shows it', () => {
  let root: string
  let vite: ViteDevServer | undefined
  let port: number

  async function startDeck(demoPort: number) {
    port = await freePort()
    vite = await createServer({
      configFile: false,
      root,
      plugins: [
        demoBridge(demoPort),
      ],
      server: { port, host: '127.0.0.1' },
      logLevel: 'info',
    })
    await vite.listen()
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'proxy-log-'))
  })
  afterEach(async () => {
    await vite?.close()
    vite = undefined
    vi.restoreAllMocks()
    await rm(root, { recursive: true, force: true })
  })

  it('no demo server: one line that says what to do, not a stack trace per request', async () => {
    const demoPort = await freePort() // nothing listens here
    await startDeck(demoPort)
    const lines = capture()
    for (let index = 0; index < 5; index++)
      expect(await get(port, '/healthz')).toBe(502)
    const said = lines.filter(line => line.includes('demo server'))
    expect(said).toHaveLength(1)
    expect(said[0]).toContain(`nothing answers on 127.0.0.1:${demoPort} (ECONNREFUSED)`)
    expect(lines.join('\n')).not.toMatch(/proxy error|\bat .*\(node:/)
  })

  it('a connection cut on the demo server\'s side: one line, and the browser is told to reconnect', async () => {
    const demo = createHttpServer()
    demo.on('upgrade', (_request, socket) => socket.destroy())
    await new Promise<void>(resolve => demo.listen(0, '127.0.0.1', resolve))
    try {
      await startDeck((demo.address() as AddressInfo).port)
      const lines = capture()
      for (let index = 0; index < 3; index++)
        await cutUpgrade(port)
      await vi.waitFor(() => expect(lines.some(line => line.includes('demo server'))).toBe(true))
      const said = lines.filter(line => line.includes('demo server'))
      expect(said).toHaveLength(1)
      expect(said[0]).toMatch(/a browser's connection was cut \((?:ECONNRESET|EPIPE|ECONNABORTED)\); it reconnects by itself/)
      expect(lines.join('\n')).not.toMatch(/proxy (?:socket )?error|\bat .*\(node:/)
    }
    finally {
      demo.close()
    }
  })

  it('says the same line again after half a minute, and leaves every other error as Vite wrote it', () => {
    let clock = 0
    const logged: string[] = []
    const logger = withQuietProxyErrors({
      info: () => {},
      warn: message => logged.push(`warn ${message}`),
      warnOnce: () => {},
      error: message => logged.push(`error ${message}`),
      clearScreen: () => {},
      hasErrorLogged: () => false,
      hasWarned: false,
    }, 3031, () => clock)
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3031'), { code: 'ECONNREFUSED' })
    logger.error('\u001B[31mhttp proxy error: /healthz\u001B[39m\nError: connect ECONNREFUSED', { error: refused })
    clock = QUIET_MS - 1
    logger.error('http proxy error: /healthz', { error: refused })
    clock = QUIET_MS
    logger.error('http proxy error: /healthz', { error: refused })
    logger.error('[vite] Internal server error: slides.md failed to parse')
    expect(logged).toEqual([
      'warn deck → demo server: nothing answers on 127.0.0.1:3031 (ECONNREFUSED). The slides say they are waiting for it; npm run dev starts both.',
      'warn deck → demo server: nothing answers on 127.0.0.1:3031 (ECONNREFUSED). The slides say they are waiting for it; npm run dev starts both.',
      'error [vite] Internal server error: slides.md failed to parse',
    ])
  })
})
