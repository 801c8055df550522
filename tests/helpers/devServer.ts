import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import process from 'node:process'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address
        ? resolve(address.port)
        : reject(new Error('no port'))))
    })
  })
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`dev server exited with ${child.exitCode} before ${url} answered:\n${log()}`)
    try {
      const response = await fetch(url)
      if (response.ok)
        return
    }
    catch {}
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${log()}`)
}

export interface DevServer {
  deckUrl: string
  demoUrl: string
  token: string
  close: () => Promise<void>
}

/** `npm run dev` as a user runs it (deck + simulated demo server), on free ports. */
export async function startDevServer(options: { speed?: number, token?: string } = {}): Promise<DevServer> {
  const port = await freePort()
  const demoPort = await freePort()
  const token = options.token ?? `test-${Math.random().toString(36).slice(2)}`
  const child = spawn(process.execPath, [
    'node_modules/.bin/tsx',
    'scripts/dev.ts',
    '--port',
    String(port),
    '--demo-port',
    String(demoPort),
    '--speed',
    String(options.speed ?? 1),
  ], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, DEMO_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout?.on('data', (chunk: Uint8Array) => output += new TextDecoder().decode(chunk))
  child.stderr?.on('data', (chunk: Uint8Array) => output += new TextDecoder().decode(chunk))
  const close = async () => {
    if (child.exitCode !== null)
      return
    const exited = new Promise(resolve => child.once('exit', resolve))
    process.kill(-child.pid!, 'SIGTERM')
    await Promise.race([
      exited,
      new Promise(resolve => setTimeout(resolve, 5000)),
    ])
    if (child.exitCode === null)
      process.kill(-child.pid!, 'SIGKILL')
  }
  try {
    const deckUrl = `http://localhost:${port}`
    const demoUrl = `http://127.0.0.1:${demoPort}`
    await waitForHttp(`${demoUrl}/healthz`, child, 60_000, () => output)
    await waitForHttp(deckUrl, child, 60_000, () => output)
    return { deckUrl, demoUrl, token, close }
  }
  catch (error) {
    await close()
    throw error
  }
}
