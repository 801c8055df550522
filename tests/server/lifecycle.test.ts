import type { Buffer } from 'node:buffer'
// The demo server as a real process: signals, what it leaves behind, what it prints. The servers get a TMPDIR of
// their own, so whatever is left there is their doing; each test starts with it empty (tsx's cache aside).
import type { ChildProcess } from 'node:child_process'
import type { Socket } from 'socket.io-client'
import type { ActionResponse, ClientToServerEvents, ServerToClientEvents } from '../../common/protocol'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { io } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from './helpers'

const TOKEN = 'lifecycle-test-token'

interface ServerProcess {
  child: ChildProcess
  url: string
  output: () => string
  exit: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

async function startServer(tmp: string, env: NodeJS.ProcessEnv = { DEMO_TOKEN: TOKEN, DEMO_TOKEN_FILE: 'none' }): Promise<ServerProcess> {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    join(repoRoot, 'server/main.ts'),
    '--port',
    '0',
    '--speed',
    '20',
  ], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DEMO_TOKEN: undefined,
      DEMO_TOKEN_FILE: undefined,
      TMPDIR: tmp,
      DEMO_QUESTIONS_FILE: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => output += chunk.toString())
  child.stderr.on('data', (chunk: Buffer) => output += chunk.toString())
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }))
  const deadline = Date.now() + 30_000
  while (!/demo server on http:\S+/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the demo server did not start:\n${output}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return {
    child,
    url: output.match(/demo server on (http:\S+)/)![1]!,
    output: () => output,
    exit,
  }
}

async function presenter(url: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    auth: { token: TOKEN },
    forceNew: true,
    reconnection: false,
  })
  await new Promise((resolve, reject) => {
    socket.once('state', resolve)
    socket.once('connect_error', reject)
  })
  return socket
}

/**
 * Every folder holding one of the server's temporary repositories (a bare `remote.git`) or a colleague's clone, at
 * most 4 levels down: deeper, git may be creating and removing folders while we look.
 */
async function repositoriesUnder(dir: string, depth = 4): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const found: string[] = []
  for (const entry of entries.filter(entry => entry.isDirectory())) {
    const path = join(dir, entry.name)
    if (entry.name === 'remote.git' || /colleague/.test(entry.name))
      found.push(path)
    else if (depth > 1 && !entry.name.startsWith('tsx-'))
      found.push(...await repositoriesUnder(path, depth - 1))
  }
  return found.sort()
}

/** Every file left under `dir` (folders alone do not count), but for tsx's compile cache (`tsx-<uid>/`). */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter(entry => !entry.isDirectory())
    .map(entry => join(entry.parentPath, entry.name))
    .filter(file => !file.slice(dir.length + 1).startsWith('tsx-'))
}

describe('the demo server process', () => {
  let tmp: string
  const started: ServerProcess[] = []

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'lifecycle-'))
  })
  afterEach(async () => {
    for (const server of started.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL')
        await server.exit
      }
    }
    for (const entry of await readdir(tmp)) {
      if (!entry.startsWith('tsx-'))
        await rm(join(tmp, entry), { recursive: true, force: true })
    }
  })
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true })
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} with git work in flight: finishes it, answers it, removes its temporary repositories and exits 0`, async () => {
      const server = await startServer(tmp)
      started.push(server)
      const socket = await presenter(server.url)
      const acks: Promise<ActionResponse>[] = [
        socket.timeout(30_000).emitWithAck('action', { type: 'git.setColor', color: '#123456' }),
        socket.timeout(30_000).emitWithAck('action', { type: 'git.race', color: '#654321' }),
        socket.timeout(30_000).emitWithAck('action', { type: 'git.setColor', color: '#abcdef', message: 'last one' }),
      ]
      const settled = Promise.allSettled(acks)
      await new Promise(resolve => setTimeout(resolve, 150))
      expect(await repositoriesUnder(tmp)).not.toEqual([])
      server.child.kill(signal)
      const answers = await settled
      const exit = await server.exit
      socket.close()
      expect(answers.map(answer => answer.status === 'fulfilled'
        ? answer.value.ok
        : String(answer.reason)), server.output()).toEqual([true, true, true])
      expect(exit, server.output()).toEqual({ code: 0, signal: null })
      expect(await filesUnder(tmp)).toEqual([])
    }, 60_000)
  }

  it('a SIGKILLed server\'s temporary repositories are removed by the next one to start; a running server\'s are kept', async () => {
    const killed = await startServer(tmp)
    started.push(killed)
    const ofKilled = await repositoriesUnder(tmp)
    expect(ofKilled).toHaveLength(1)
    const running = await startServer(tmp)
    started.push(running)
    const ofRunning = (await repositoriesUnder(tmp)).filter(dir => !ofKilled.includes(dir))
    expect(ofRunning).toHaveLength(1)

    killed.child.kill('SIGKILL')
    await killed.exit
    expect(await repositoriesUnder(tmp)).toEqual([
      ...ofKilled,
      ...ofRunning,
    ].sort())

    const next = await startServer(tmp)
    started.push(next)
    const now = await repositoriesUnder(tmp)
    expect(now).not.toContain(ofKilled[0])
    expect(now).toContain(ofRunning[0])
    expect(now).toHaveLength(2)
    expect(await stat(ofRunning[0]!).then(info => info.isDirectory())).toBe(true)

    for (const server of [running, next])
      server.child.kill('SIGTERM')
    expect(await Promise.all([running.exit, next.exit])).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ])
    expect(await filesUnder(tmp)).toEqual([])
  }, 90_000)

  it('says where the token file is only when one was written', async () => {
    const withoutFile = await startServer(tmp, { DEMO_TOKEN_FILE: 'none' })
    started.push(withoutFile)
    // The token line follows the "listening" line: on a busy machine the test can read in between.
    await expect.poll(() => withoutFile.output(), { timeout: 10_000 }).toMatch(/Presenter token: \S+/)
    expect(withoutFile.output()).not.toMatch(/also in/)

    const withFile = await startServer(tmp, {})
    started.push(withFile)
    await expect.poll(() => withFile.output(), { timeout: 10_000 }).toMatch(/Presenter token/)
    const [, file, token] = withFile.output().match(/Presenter token \(also in (\S+)\): (\S+)/) ?? []
    expect(file, withFile.output()).toBeDefined()
    expect(file!.startsWith(repoRoot)).toBe(false)
    expect((await readFile(file!, 'utf8')).trim()).toBe(token)
    expect((await stat(file!)).mode & 0o777).toBe(0o600)
    for (const server of [withoutFile, withFile])
      server.child.kill('SIGTERM')
    await Promise.all([withoutFile.exit, withFile.exit])
  }, 60_000)
})
