import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
import process from 'node:process'
import { errorMessage } from '../../common/text'
import { freePort, waitForHttp } from './net'

export interface DevServer {
  deckUrl: string
  demoUrl: string
  token: string
  close: () => Promise<void>
  /** What `npm run dev` printed so far, for a failing test's report. */
  output: () => string
}

/** `npm run dev` as a user runs it (deck + simulated demo server), on free ports. */
export async function startDevServer(options: { speed?: number, token?: string, args?: string[], env?: NodeJS.ProcessEnv } = {}): Promise<DevServer> {
  const port = await freePort()
  const demoPort = await freePort()
  const token = options.token ?? `test-${Math.random().toString(36).slice(2)}`
  const root = new URL('../..', import.meta.url).pathname
  // Its own pre-bundled dependencies (vite.config.ts says why); ~5 s more at start than a warm shared cache.
  const cacheDir = `${root}node_modules/.vite-dev/${port}`
  const child = spawn(process.execPath, [
    'node_modules/.bin/tsx',
    'scripts/dev.ts',
    '--port',
    String(port),
    '--demo-port',
    String(demoPort),
    '--speed',
    String(options.speed ?? 1),
    ...options.args ?? [],
  ], {
    cwd: root,
    env: {
      ...process.env,
      DECK_VITE_CACHE_DIR: cacheDir,
      DEMO_TOKEN: token,
      // Tests and benchmarks keep their questions in memory, never in the presenter's .demo/questions.jsonl.
      DEMO_QUESTIONS_FILE: 'none',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout?.on('data', (chunk: Uint8Array) => output += new TextDecoder().decode(chunk))
  child.stderr?.on('data', (chunk: Uint8Array) => output += new TextDecoder().decode(chunk))
  const kill = async () => {
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
  const stop = async () => {
    await kill()
    await rm(cacheDir, { recursive: true, force: true })
  }
  const close = stop
  const isDead = () => (child.exitCode === null
    ? undefined
    : `npm run dev exited with ${child.exitCode}:\n${output}`)
  try {
    const deckUrl = `http://localhost:${port}`
    const demoUrl = `http://127.0.0.1:${demoPort}`
    await waitForHttp(`${demoUrl}/healthz`, 60_000, isDead)
    await waitForHttp(deckUrl, 60_000, isDead)
    return {
      deckUrl,
      demoUrl,
      token,
      close,
      output: () => output,
    }
  }
  catch (error) {
    await close()
    throw new Error(`${errorMessage(error)}\n${output}`)
  }
}
