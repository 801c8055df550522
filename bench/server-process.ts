// The demo server in its own process for benchmarks: figures about the server are not mixed with the clients'.
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'

const repoRoot = join(import.meta.dirname, '..')

export interface ServerProcess {
  url: string
  pid: number
  token: string
  /** Resident memory now, from /proc. */
  rssMegabytes: () => number
  /** Memory after a full GC (heap used, external, array buffers) and event-loop utilisation since the last call. */
  stats: () => Promise<ServerStats>
  stop: () => Promise<void>
}

export interface ServerStats {
  memory: NodeJS.MemoryUsage
  eventLoopUtilisation: number
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
}

/** The command line that runs `executable` on one CPU only (Linux taskset), or as is. */
export function pinned(cpu: number | undefined, executable: string): string[] {
  return cpu === undefined
    ? [executable]
    : [
        'taskset',
        '--cpu-list',
        String(cpu),
        executable,
      ]
}

export const megabytes = (bytes: number) => bytes / 1024 / 1024

/** `cpu`: pin the server to one CPU (taskset), so a client on the other cannot steal its time. */
export async function startServerProcess(options: { port: number, args?: string[], env?: NodeJS.ProcessEnv, cpu?: number }): Promise<ServerProcess> {
  const token = `bench-${process.pid}-${options.port}`
  const [command, ...prefix] = pinned(options.cpu, process.execPath)
  const child: ChildProcess = spawn(command!, [
    ...prefix,
    '--expose-gc',
    '--import',
    'tsx',
    join(repoRoot, 'bench/server-entry.ts'),
    '--port',
    String(options.port),
    ...options.args ?? [],
  ], {
    env: {
      ...process.env,
      DEMO_TOKEN: token,
      DEMO_TOKEN_FILE: 'none',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const url = `http://127.0.0.1:${options.port}`
  for (let attempt = 0; ; attempt++) {
    if (await fetch(`${url}/healthz`).then(response => response.ok, () => false))
      break
    if (attempt > 150 || child.exitCode !== null) {
      child.kill('SIGKILL')
      throw new Error('the demo server did not start')
    }
    await sleep(100)
  }
  const pid = child.pid!
  return {
    url,
    pid,
    token,
    rssMegabytes: () => {
      const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(entry => entry.startsWith('VmRSS:'))
      return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024
    },
    stats: async () => {
      const answer = once(child, 'message') as Promise<[ServerStats]>
      child.send('stats')
      return (await answer)[0]
    },
    stop: async () => {
      if (child.exitCode !== null)
        return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await Promise.race([
        exited,
        sleep(15_000),
      ])
      if (child.exitCode === null)
        child.kill('SIGKILL')
    },
  }
}
