// The demo server in its own process for benchmarks: figures about the server are not mixed with the clients'.
import type { ChildProcess } from 'node:child_process'
import type { PublishTimings } from '../server/transport/state-publisher'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { SERVER_NODE_FLAGS } from '../server/node-flags'

/** BENCH_SERVER_ROOT: run the server of another checkout (with this bench/server-entry.ts copied in), to compare. */
const serverRoot = process.env.BENCH_SERVER_ROOT ?? join(import.meta.dirname, '..')

export interface ServerProcess {
  url: string
  pid: number
  token: string
  /** Resident memory now, from /proc. */
  rssMegabytes: () => number
  /** Where the resident memory is: the largest mappings of /proc/<pid>/smaps. */
  memoryMap: () => string
  /** Memory after a full GC (heap used, external, array buffers) and event-loop utilisation since the last call. */
  stats: () => Promise<ServerStats>
  stop: () => Promise<void>
}

export interface ServerStats {
  memory: NodeJS.MemoryUsage
  heapSpaces: { name: string, size: number, used: number }[]
  eventLoopUtilisation: number
  /** Every publish of the state since the last call (none from a server without the channel). */
  publishes: PublishTimings[]
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
    // As npm run dev starts it, unless SERVER_NODE_FLAGS says otherwise ("" for Node's defaults).
    ...(process.env.SERVER_NODE_FLAGS ?? SERVER_NODE_FLAGS.join(' ')).split(' ').filter(Boolean),
    '--import',
    'tsx',
    join(serverRoot, 'bench/server-entry.ts'),
    '--port',
    String(options.port),
    ...options.args ?? [],
  ], {
    env: {
      ...process.env,
      DEMO_TOKEN: token,
      DEMO_TOKEN_FILE: 'none',
      // Questions in memory: a benchmark's never reach the presenter's .demo/questions.jsonl.
      DEMO_QUESTIONS_FILE: 'none',
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
    memoryMap: () => {
      const byName = new Map<string, { total: number, count: number }>()
      let name = ''
      for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
        const fields = line.split(/ +/)
        if (/^[0-9a-f]+-[0-9a-f]+$/.test(fields[0] ?? ''))
          name = fields.slice(5).join(' ') || '[anonymous]'
        const rss = /^Rss:\s+(\d+) kB/.exec(line)
        if (rss) {
          const entry = byName.get(name) ?? { total: 0, count: 0 }
          entry.total += Number(rss[1])
          entry.count++
          byName.set(name, entry)
        }
      }
      return [...byName].sort((a, b) => b[1].total - a[1].total).slice(0, 6).map(([region, { total, count }]) => `  ${(total / 1024).toFixed(1).padStart(7)} MB in ${count} × ${region}`).join('\n')
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
