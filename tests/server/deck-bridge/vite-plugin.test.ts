// The presenter's token stays on the presenter's machine, and nothing a phone does changes the room: `npm run dev`
// as a user runs it, attacked over real HTTP from 127.0.0.2 (loopback to the kernel, but not in the set of this
// machine's addresses the deck checks: a stand-in for a phone on the LAN) and from pages of other origins on this machine.
import type { IncomingHttpHeaders } from 'node:http'
import type { DevServer } from '../../../scripts/lib/dev-server'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer } from '../../../scripts/lib/dev-server'
import { repoRoot } from '../helpers'

const OTHER_MACHINE = '127.0.0.2'

interface Answer { status: number, headers: IncomingHttpHeaders, body: string }

/** One raw GET: the path goes out exactly as written (double slashes, %2e and all). */
function get(port: number, path: string, options: { headers?: Record<string, string>, from?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'GET',
      headers: { host: `localhost:${port}`, ...options.headers },
      localAddress: options.from,
    }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => body += chunk)
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
    sent.on('error', reject)
    sent.end()
  })
}

/** One raw write (a POST with a JSON body), as Slidev's own client sends its sync state. */
function post(port: number, path: string, body: unknown, from?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { 'host': `127.0.0.1:${port}`, 'content-type': 'application/json' },
      localAddress: from,
    }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => text += chunk)
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }))
    })
    sent.on('error', reject)
    sent.end(JSON.stringify(body))
  })
}

/** What the deck's server holds for one of Slidev's sync states (the module every window loads it from). */
async function serverState(port: number, key: string): Promise<unknown> {
  const module = (await get(port, `/@server-reactive/${key}?t=${Date.now()}`)).body
  return JSON.parse(/const data = reactive\((.*)\)\n/.exec(module)![1]!)
}

/** A WebSocket upgrade to socket.io; resolves with 101 when it was let through, else the status it got. */
function upgrade(port: number, headers: Record<string, string>, from?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request({
      host: '127.0.0.1',
      port,
      path: '/socket.io/?EIO=4&transport=websocket',
      localAddress: from,
      headers: {
        'connection': 'Upgrade',
        'upgrade': 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    })
    sent.on('upgrade', (_response, socket) => {
      socket.destroy()
      resolve(101)
    })
    sent.on('response', (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    sent.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.message === 'socket hang up'
      ? resolve(0)
      : reject(error)))
    sent.end()
  })
}

describe('the presenter token and the room under npm run dev -- --remote', () => {
  let deck: DevServer
  let port: number
  let demoPort: number
  const secretDir = join(repoRoot, '.demo', `test-${randomBytes(4).toString('hex')}`)
  // The worst case for file serving: the token file inside the deck's root. (By default it is outside.)
  const tokenFile = join(secretDir, 'token')
  const kubeconfigDir = join(repoRoot, 'test-results', `bridge-${randomBytes(4).toString('hex')}`)
  const kubeconfigSecret = `kubeconfig-secret-${randomBytes(8).toString('hex')}`

  beforeAll(async () => {
    await mkdir(kubeconfigDir, { recursive: true })
    await writeFile(join(kubeconfigDir, 'kubeconfig'), `token: ${kubeconfigSecret}\n`)
    deck = await startDevServer({
      speed: 20,
      args: ['--remote', '--bind', '127.0.0.1'],
      env: { DEMO_TOKEN_FILE: tokenFile },
    })
    port = Number(new URL(deck.deckUrl).port)
    demoPort = Number(new URL(deck.demoUrl).port)
  }, 120_000)
  afterAll(async () => {
    await deck?.close()
    await rm(secretDir, { recursive: true, force: true })
    await rm(kubeconfigDir, { recursive: true, force: true })
  })

  it('no spelling of the token file\'s URL serves it, from this machine or another', async () => {
    expect((await readFile(tokenFile, 'utf8')).trim(), 'the token file is there to be stolen').toBe(deck.token)
    const relative = tokenFile.slice(repoRoot.length + 1)
    const [first, ...rest] = relative.split('/')
    const spellings = [
      `/${relative}?raw`,
      `/${relative}?import`,
      `/${relative}?import&raw`,
      `/${relative}?url`,
      `/${relative}?inline`,
      `/${relative}`,
      `//${relative}?raw`,
      `/./${relative}?raw`,
      `/${first}/../${relative}?raw`,
      `/%2e${first!.slice(1)}/${rest.join('/')}?raw`,
      `/${first}%2f${rest.join('%2f')}?raw`,
      `/@fs${tokenFile}?raw`,
      `/@fs${tokenFile}?import`,
      `/@fs${tokenFile}`,
      `/@fs/${tokenFile}?raw`,
      `/@fs${tokenFile.replace('/.demo/', '/%2edemo/')}?raw`,
    ]
    for (const from of [OTHER_MACHINE, '127.0.0.1']) {
      for (const path of spellings) {
        const answer = await get(port, path, { from })
        expect(answer.body, `${from} GET ${path} → ${answer.status}`).not.toContain(deck.token)
      }
    }
  })

  it('nor the kubeconfig (cluster credentials) anywhere under the deck', async () => {
    const relative = join(kubeconfigDir, 'kubeconfig').slice(repoRoot.length + 1)
    for (const path of [
      `/${relative}?raw`,
      `/${relative}?import`,
      `/@fs${repoRoot}/${relative}?raw`,
      `//${relative}?raw`,
    ]) {
      const answer = await get(port, path, { from: OTHER_MACHINE })
      expect(answer.body, `GET ${path} → ${answer.status}`).not.toContain(kubeconfigSecret)
    }
  })

  it('the token route answers only the deck itself, on this machine', async () => {
    const same = `http://localhost:${port}`
    const own = await get(port, '/__demo/token', {
      headers: { 'origin': same, 'sec-fetch-site': 'same-origin' },
    })
    expect(own.status).toBe(200)
    expect(JSON.parse(own.body)).toEqual({ token: deck.token })

    const refused: { headers: Record<string, string>, from?: string }[] = [
      {
        headers: { origin: 'http://localhost:5173' },
      },
      { headers: {}, from: OTHER_MACHINE },
      {
        headers: { 'origin': same, 'sec-fetch-site': 'same-origin' },
        from: OTHER_MACHINE,
      },
      {
        headers: { origin: `http://evil.localhost:${port}` },
      },
      {
        headers: { origin: 'http://127.0.0.1:9999' },
      },
      {
        headers: { origin: 'null' },
      },
      {
        headers: { 'sec-fetch-site': 'cross-site' },
      },
      {
        headers: { 'sec-fetch-site': 'same-site' },
      },
      {
        headers: { host: `evil.example:${port}` },
      },
      {
        headers: { host: `127.0.0.1.nip.io:${port}` },
      },
    ]
    for (const attempt of refused) {
      const answer = await get(port, '/__demo/token', attempt)
      const what = `${attempt.from ?? '127.0.0.1'} ${JSON.stringify(attempt.headers)} → ${answer.status} ${answer.headers['access-control-allow-origin'] ?? ''}`
      expect(answer.body, what).not.toContain(deck.token)
      expect(answer.status, what).toBeGreaterThanOrEqual(400)
      expect(answer.headers['access-control-allow-origin'], what).toBeUndefined()
    }
  })

  it('upgrades to WebSocket need this machine\'s Host and a same-origin Origin, through the deck and at the demo server', async () => {
    for (const target of [port, demoPort]) {
      const host = `localhost:${target}`
      expect(await upgrade(target, { host, origin: `http://${host}` }), `same-origin upgrade on :${target}`).toBe(101)
      const attacks: Record<string, string>[] = [
        { host: 'evil.example' },
        { host: `evil.example:${target}`, origin: `http://evil.example:${target}` },
        { host, origin: 'http://evil.example' },
        { host, origin: 'http://localhost:5173' },
        { host, origin: `http://attacker.localhost:${target}` },
      ]
      for (const headers of attacks) {
        for (const from of ['127.0.0.1', OTHER_MACHINE])
          expect(await upgrade(target, headers, from), `${from} → :${target} ${JSON.stringify(headers)}`).not.toBe(101)
      }
    }
  })

  it('a phone on the LAN follows the demo read-only through the deck, and never gets the token', async () => {
    const phone = io(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      localAddress: OTHER_MACHINE,
      extraHeaders: { origin: `http://127.0.0.1:${port}` },
    } as Parameters<typeof io>[1])
    try {
      const state = await new Promise<unknown>((resolve, reject) => {
        phone.once('state', resolve)
        phone.once('connect_error', reject)
      })
      expect(state).toMatchObject({ mode: 'simulated' })
      expect(await phone.timeout(10_000).emitWithAck('action', { type: 'demo.reset' })).toEqual({
        ok: false,
        error: 'read-only: this connection has no valid presenter token',
      })
    }
    finally {
      phone.close()
    }
    const token = await get(port, '/__demo/token', {
      from: OTHER_MACHINE,
      headers: { host: `127.0.0.1:${port}` },
    })
    expect(token.status).toBe(403)
    expect(token.body).not.toContain(deck.token)
  })

  it('a phone cannot move the slides, switch the projector\'s language or draw: Slidev\'s sync writes are refused', async () => {
    const before = {
      nav: await serverState(port, 'nav'),
      lang: await serverState(port, 'lang'),
      drawings: await serverState(port, 'drawings'),
    }
    const writes: [string, unknown][] = [
      [
        '/@server-reactive/nav',
        {
          source: 'phone',
          patch: {
            page: 7,
            clicks: 0,
            lastUpdate: {
              id: 'phone',
              type: 'presenter',
              time: Date.now(),
            },
          },
          timestamp: Date.now(),
        },
      ],
      [
        '/@server-reactive/nav',
        {
          source: 'phone',
          data: { page: 7, clicks: 0 },
          timestamp: Date.now(),
        },
      ],
      [
        '/@server-ref/nav',
        {
          source: 'phone',
          data: { page: 9, clicks: 0 },
          timestamp: Date.now(),
        },
      ],
      [
        '/@server-reactive/lang',
        {
          source: 'phone',
          data: { lang: 'en' },
          timestamp: Date.now(),
        },
      ],
      [
        '/@server-reactive/drawings',
        {
          source: 'phone',
          data: { 1: '<svg><path d="M0 0L980 551"/></svg>' },
          timestamp: Date.now(),
        },
      ],
    ]
    for (const [path, body] of writes) {
      const answer = await post(port, path, body, OTHER_MACHINE)
      expect(answer.status, `POST ${path}`).toBe(403)
      expect(JSON.parse(answer.body)).toEqual({ error: 'read-only: only the presenter\'s machine changes the room (slides, language, drawings)' })
    }
    expect({
      nav: await serverState(port, 'nav'),
      lang: await serverState(port, 'lang'),
      drawings: await serverState(port, 'drawings'),
    }).toEqual(before)

    // The same write from this machine is Slidev's own sync at work: that is what the guard keeps phones from.
    expect((await post(port, '/@server-reactive/lang', {
      source: 'test',
      data: { lang: 'en' },
      timestamp: Date.now(),
    })).status).toBe(200)
    expect(await serverState(port, 'lang')).toEqual({ lang: 'en' })
    await post(port, '/@server-reactive/lang', {
      source: 'test',
      data: before.lang,
      timestamp: Date.now(),
    })
    expect(await serverState(port, 'lang')).toEqual(before.lang)
  })

  it('nor edit a slide or its notes, drive Slidev\'s MCP server, or open files in an editor on this machine', async () => {
    const slides = await readFile(join(repoRoot, 'slides.md'))
    const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')
    // Slidev's edit route, on a slide number past the end: should the guard ever fail, Slidev answers 404 and this
    // worktree's slides.md stays as it is.
    const edit = await post(port, '/@slidev/slide/999.json', { content: '# Owned', note: 'owned' }, OTHER_MACHINE)
    expect(edit.status).toBe(403)
    const mcp = await post(port, '/__mcp', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, OTHER_MACHINE)
    expect(mcp.status).toBe(403)
    expect(mcp.body).not.toContain('slidev-')
    for (const path of ['/__mcp', '/__open-in-editor?file=slides.md'])
      expect((await get(port, path, { from: OTHER_MACHINE })).status, path).toBe(403)
    expect(digest(await readFile(join(repoRoot, 'slides.md')))).toBe(digest(slides))
    // Reading stays open: the deck itself, its slides' modules, and where phones join.
    expect((await get(port, '/', {
      from: OTHER_MACHINE,
      headers: { host: `127.0.0.1:${port}` },
    })).status).toBe(200)
    expect(JSON.parse((await get(port, '/__demo/join', {
      from: OTHER_MACHINE,
      headers: { host: `127.0.0.1:${port}` },
    })).body)).toEqual({ url: `http://127.0.0.1:${port}` })
  })
})
