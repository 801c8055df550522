/* eslint-disable no-console -- a benchmark prints its figures */
// Benchmark, not a test: `npx tsx bench/demo-server.ts`.
// Starts the demo server as its own process (npm run demo's entry), connects N read-only
// clients, has the presenter change podinfo's live colour again and again, and prints how long
// each change took to reach every client as a `state`, and the server's resident memory.
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, DemoState, ServerToClientEvents } from '../server/protocol'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { io } from 'socket.io-client'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

const repoRoot = join(import.meta.dirname, '..')
const token = `bench-${process.pid}`
const rounds = Number(process.env.ROUNDS ?? 40)
const clientCounts = (process.env.CLIENTS ?? '1,50,200').split(',').map(Number)

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
}

function rssMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(entry => entry.startsWith('VmRSS:'))
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024
}

async function startServer(port: number) {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    join(repoRoot, 'server/main.ts'),
    '--port',
    String(port),
  ], {
    env: { ...process.env, DEMO_TOKEN: token, DEMO_TOKEN_FILE: 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(response => response.ok, () => false)
    if (ok)
      return child
    await sleep(100)
  }
  child.kill()
  throw new Error('the demo server did not start')
}

let viewers = 0

/** Each viewer as a phone behind the deck's proxy: its own address in X-Forwarded-For. */
function connect(url: string, auth: Record<string, string>): Promise<Client> {
  viewers++
  const socket: Client = io(url, {
    transports: ['websocket'],
    auth,
    extraHeaders: { 'x-forwarded-for': `198.18.${viewers >> 8 & 255}.${viewers & 255}` },
    forceNew: true,
    reconnection: false,
  })
  return new Promise((resolve, reject) => {
    socket.once('state', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

async function measure(url: string, count: number) {
  const clients = await Promise.all(Array.from({ length: count }, () => connect(url, {})))
  const presenter = await connect(url, { token })
  const latencies: number[] = []
  for (let round = 0; round < rounds; round++) {
    const color = `#${(0x100000 + round * 4099 + count).toString(16).slice(-6)}`
    const started = performance.now()
    const arrivals = clients.map(client => new Promise<void>((resolve) => {
      const onState = (state: DemoState) => {
        if (state.podinfo.color !== color)
          return
        latencies.push(performance.now() - started)
        client.off('state', onState)
        resolve()
      }
      client.on('state', onState)
    }))
    const ack = await presenter.emitWithAck('action', { type: 'drift.setColor', color })
    if (!ack.ok)
      throw new Error(ack.error)
    await Promise.all(arrivals)
    await sleep(150)
  }
  for (const client of [...clients, presenter])
    client.close()
  latencies.sort((a, b) => a - b)
  return {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    samples: latencies.length,
  }
}

async function main() {
  const port = 39_000 + (process.pid % 1000)
  const server = await startServer(port)
  try {
    console.log(`demo server RSS at start: ${rssMegabytes(server.pid!).toFixed(1)} MB`)
    console.log('clients | change → state p50 | p95     | samples | server RSS')
    for (const count of clientCounts) {
      const result = await measure(`http://127.0.0.1:${port}`, count)
      console.log(`${String(count).padStart(7)} | ${result.p50.toFixed(1).padStart(14)} ms | ${result.p95.toFixed(1).padStart(5)} ms | ${String(result.samples).padStart(7)} | ${rssMegabytes(server.pid!).toFixed(1)} MB`)
    }
  }
  finally {
    server.kill('SIGTERM')
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
