/* eslint-disable no-console -- a benchmark prints its figures */
// Benchmark, not a test: `npx tsx bench/demo-server.ts`.
// Starts the demo server as its own process (npm run demo's entry), connects N read-only
// clients, has the presenter change podinfo's live colour again and again, and prints how long
// each change took to reach every client (as a patch of the state), and the server's resident memory.
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../common/protocol'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { io } from 'socket.io-client'
import { StateFollower } from '../common/state-follower'
import { freePort } from '../scripts/lib/net'
import { percentile, startServerProcess } from './server-process'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

interface Follower {
  socket: Client
  follower: StateFollower
}

const rounds = Number(process.env.ROUNDS ?? 40)
const clientCounts = (process.env.CLIENTS ?? '1,50,200').split(',').map(Number)
let viewers = 0

/** Each viewer as a phone behind the deck's proxy: its own address in X-Forwarded-For. */
async function connect(url: string, auth: Record<string, string>): Promise<Follower> {
  viewers++
  const socket: Client = io(url, {
    transports: ['websocket'],
    auth,
    extraHeaders: { 'x-forwarded-for': `198.18.${viewers >> 8 & 255}.${viewers & 255}` },
    forceNew: true,
    reconnection: false,
  })
  const follower = new StateFollower(socket)
  await new Promise((resolve, reject) => {
    void follower.next().then(resolve)
    socket.once('connect_error', reject)
  })
  return { socket, follower }
}

async function measure(url: string, token: string, count: number) {
  const clients = await Promise.all(Array.from({ length: count }, () => connect(url, {})))
  const presenter = await connect(url, { token })
  const latencies: number[] = []
  for (let round = 0; round < rounds; round++) {
    const color = `#${(0x100000 + round * 4099 + count).toString(16).slice(-6)}`
    const started = performance.now()
    const arrivals = clients.map(client => new Promise<void>((resolve) => {
      const off = client.follower.onState(() => {
        if (client.follower.state?.podinfo.color !== color)
          return
        latencies.push(performance.now() - started)
        off()
        resolve()
      })
    }))
    const ack = await presenter.socket.emitWithAck('action', { type: 'drift.setColor', color })
    if (!ack.ok)
      throw new Error(ack.error)
    await Promise.all(arrivals)
    await sleep(150)
  }
  for (const client of [...clients, presenter])
    client.socket.close()
  latencies.sort((a, b) => a - b)
  return {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    samples: latencies.length,
  }
}

async function main() {
  const server = await startServerProcess({ port: await freePort() })
  try {
    console.log(`demo server RSS at start: ${server.rssMegabytes().toFixed(1)} MB`)
    console.log('clients | change → state p50 | p95     | samples | server RSS')
    for (const count of clientCounts) {
      const result = await measure(server.url, server.token, count)
      console.log(`${String(count).padStart(7)} | ${result.p50.toFixed(1).padStart(14)} ms | ${result.p95.toFixed(1).padStart(5)} ms | ${String(result.samples).padStart(7)} | ${server.rssMegabytes().toFixed(1)} MB`)
    }
  }
  finally {
    await server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
