// The deck's guard on a real Vite dev server with the bridge plugin: a phone (connecting from 127.0.0.2, which the
// default set of this machine's addresses does not hold) reads, and nothing it writes reaches anyone.
import type { ViteDevServer } from 'vite'
import { request } from 'node:http'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { RefusalLog } from '../../../server/access/refusal-log'
import { foreignRequestProblem, roomGuard } from '../../../server/deck-bridge/room-guard'
import { demoBridge, JOIN_ROUTE } from '../../../server/deck-bridge/vite-plugin'

const PHONE = '127.0.0.2'

function send(port: number, method: string, path: string, from?: string): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({
      host: '127.0.0.1',
      port,
      method,
      path,
      localAddress: from,
      headers: { 'host': `127.0.0.1:${port}`, 'content-type': 'application/json' },
    }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => body += chunk)
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    sent.on('error', reject)
    sent.end(method === 'GET'
      ? undefined
      : '{"data":{"lang":"en"}}')
  })
}

describe('the room guard', () => {
  it('lets another machine read pages, modules, the join route and socket.io, and nothing else', () => {
    for (const [method, url] of [
      ['GET', '/'],
      ['GET', '/5?lang=en'],
      ['GET', '/@vite/client'],
      ['HEAD', '/phone'],
      ['GET', JOIN_ROUTE],
      ['POST', '/socket.io/?EIO=4&transport=polling'],
      ['GET', '/__demo/token'],
    ])
      expect(foreignRequestProblem(method, url), `${method} ${url}`).toBeUndefined()
    for (const [method, url] of [
      ['POST', '/@server-reactive/nav'],
      ['POST', '/@server-ref/lang'],
      ['PUT', '/1'],
      ['POST', '/@slidev/slide/1.json'],
      ['DELETE', '/x'],
      ['POST', '/__mcp'],
      ['GET', '/__mcp'],
      ['GET', '/__open-in-editor?file=slides.md'],
      ['GET', '/__inspect/'],
    ])
      expect(foreignRequestProblem(method, url), `${method} ${url}`).toBeDefined()
  })

  it('takes the set of this machine\'s addresses it is given', async () => {
    const logger = {
      info: () => {},
      warn: () => {},
      error: () => {},
    }
    const answered: number[] = []
    const run = (address: string, presenter?: ReadonlySet<string>) => new Promise<void>((resolve) => {
      const response = {
        statusCode: 200,
        setHeader: () => {},
        end: () => {
          answered.push(response.statusCode)
          resolve()
        },
      }
      roomGuard(new RefusalLog(logger), presenter)({
        method: 'POST',
        url: '/@server-reactive/nav',
        socket: { remoteAddress: address },
      } as never, response as never, () => {
        answered.push(0)
        resolve()
      })
    })
    await run('127.0.0.1')
    await run(PHONE)
    await run(PHONE, new Set([PHONE]))
    await run('127.0.0.1', new Set([PHONE]))
    expect(answered).toEqual([0, 403, 0, 403])
  })
})

describe('the bridge on a Vite dev server', () => {
  let server: ViteDevServer
  let port: number
  const received: { from: string, data: unknown }[] = []
  const warnings: string[] = []

  beforeAll(async () => {
    server = await createServer({
      configFile: false,
      root: new URL('.', import.meta.url).pathname,
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1', strictPort: false },
      plugins: [
        demoBridge(1, { joinUrl: 'http://192.0.2.10:3030' }),
        {
          name: 'listener',
          configureServer(vite) {
            vite.ws.on('test:poke', (data, client) => received.push({ from: (client.socket as unknown as { _socket?: { remoteAddress?: string } })._socket?.remoteAddress ?? '?', data }))
            vite.middlewares.use('/write', (_request, response) => response.end('written'))
            vite.config.logger.warn = message => warnings.push(message)
          },
        },
      ],
    })
    await server.listen()
    port = (server.httpServer!.address() as { port: number }).port
  })
  afterAll(() => server?.close())

  /** Vite's HMR socket, as a page opens it: the token from /@vite/client, the vite-hmr protocol. */
  async function hmrSocket(from: string): Promise<WebSocket> {
    const client = await (await fetch(`http://127.0.0.1:${port}/@vite/client`)).text()
    const token = /wsToken = "([^"]+)"/.exec(client)?.[1] ?? /"([\w-]{12})"/.exec(client.slice(client.indexOf('wsToken')))?.[1]
    const socket = new WebSocket(`ws://127.0.0.1:${port}/?token=${token}`, 'vite-hmr', {
      localAddress: from,
      headers: { origin: `http://127.0.0.1:${port}` },
    })
    await new Promise((resolve, reject) => {
      socket.once('message', resolve)
      socket.once('error', reject)
    })
    return socket
  }

  it('answers a phone\'s write with 403 and a reason, this machine\'s with the route', async () => {
    expect(await send(port, 'POST', '/write', PHONE)).toEqual({
      status: 403,
      body: expect.stringContaining('read-only: only the presenter\'s machine changes the room'),
    })
    expect(await send(port, 'POST', '/write')).toEqual({ status: 200, body: 'written' })
    expect(await send(port, 'GET', '/__open-in-editor?file=package.json', PHONE)).toMatchObject({ status: 403 })
    expect(JSON.parse((await send(port, 'GET', JOIN_ROUTE, PHONE)).body)).toEqual({ url: 'http://192.0.2.10:3030' })
  })

  it('drops what a phone sends over the HMR WebSocket before any listener; the phone still receives', async () => {
    const phone = await hmrSocket(PHONE)
    const presenter = await hmrSocket('127.0.0.1')
    const heard = new Promise<string>(resolve => phone.on('message', data => String(data).includes('test:hello') && resolve(String(data))))
    phone.send(JSON.stringify({ type: 'custom', event: 'test:poke', data: 'from the phone' }))
    presenter.send(JSON.stringify({ type: 'custom', event: 'test:poke', data: 'from this machine' }))
    await expect.poll(() => received.length).toBe(1)
    await new Promise(resolve => setTimeout(resolve, 200))
    expect(received).toEqual([
      { from: '127.0.0.1', data: 'from this machine' },
    ])
    server.ws.send('test:hello', { to: 'everyone' })
    expect(await heard).toContain('everyone')
    phone.close()
    presenter.close()
  })
})
