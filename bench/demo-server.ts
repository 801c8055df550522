/* eslint-disable no-console -- a benchmark prints its figures */
// Benchmark, not a test: `npx tsx bench/demo-server.ts`.
// Starts the demo server as its own process (npm run demo's entry), connects N read-only
// clients, has the presenter change podinfo's live colour again and again, and prints how long
// each change took to reach every client (as a patch of the state), and the server's resident memory.
// Then where the time goes: the server's publish step by step (its own clock, through a diagnostics channel), and
// the viewers' side. All N viewers run in this one process, one after another: the last one waits for the N - 1
// before it, where real viewers each have their own device.
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../common/protocol'
import type { PublishTimings } from '../server/transport/state-publisher'
import { loadavg } from 'node:os'
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
  /** When the last patch reached this client's socket.io listeners. */
  patchAt: number
}

/** This process's CPU time (a system call: ~16 µs here, so not once per viewer). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

const GOAL_P95_MS = 40

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
  const client: Follower = {
    socket,
    follower: undefined!,
    patchAt: 0,
  }
  // Before the follower's own listener: the time from here to its onState is what the follower costs a viewer.
  socket.on('patch', () => client.patchAt = performance.now())
  client.follower = new StateFollower(socket)
  await new Promise((resolve, reject) => {
    void client.follower.next().then(resolve)
    socket.once('connect_error', reject)
  })
  return client
}

async function measure(url: string, token: string, count: number) {
  const clients = await Promise.all(Array.from({ length: count }, () => connect(url, {})))
  const presenter = await connect(url, { token })
  const latencies: number[] = []
  const first: number[] = []
  const spread: number[] = []
  const followerCost: number[] = []
  const spreadCpu: number[] = []
  const loads: number[] = []
  for (let round = 0; round < rounds; round++) {
    const color = `#${(0x100000 + round * 4099 + count).toString(16).slice(-6)}`
    loads.push(loadavg()[0]!)
    const started = performance.now()
    const mine: number[] = []
    let firstCpu = 0
    const arrivals = clients.map(client => new Promise<void>((resolve) => {
      const off = client.follower.onState(() => {
        if (client.follower.state?.podinfo.color !== color)
          return
        const at = performance.now()
        followerCost.push(at - client.patchAt)
        mine.push(at - started)
        if (mine.length === 1)
          firstCpu = cpuMs()
        if (mine.length === clients.length)
          spreadCpu.push(cpuMs() - firstCpu)
        off()
        resolve()
      })
    }))
    const ack = await presenter.socket.emitWithAck('action', { type: 'drift.setColor', color })
    if (!ack.ok)
      throw new Error(ack.error)
    await Promise.all(arrivals)
    latencies.push(...mine)
    first.push(Math.min(...mine))
    spread.push(Math.max(...mine) - Math.min(...mine))
    await sleep(150)
  }
  for (const client of [...clients, presenter])
    client.socket.close()
  const sorted = (values: number[]) => values.toSorted((a, b) => a - b)
  return {
    p50: percentile(sorted(latencies), 0.5),
    p95: percentile(sorted(latencies), 0.95),
    samples: latencies.length,
    first: sorted(first),
    spread: sorted(spread),
    followerCost: sorted(followerCost),
    spreadCpu: sorted(spreadCpu),
    load: loads.reduce((sum, load) => sum + load, 0) / loads.length,
  }
}

const NO_CPU: number[] = []

/** Wall time and CPU time (of the process that did the step), p50 and p95. */
function row(name: string, wall: number[], cpu: number[], unit = 'ms', scale = 1) {
  const at = (sorted: number[], p: number) => sorted.length
    ? `${(percentile(sorted, p) * scale).toFixed(unit === 'ms'
      ? 1
      : 0)} ${unit}`
    : '—'
  return `| ${name} | ${at(wall, 0.5)} | ${at(wall, 0.95)} | ${at(cpu, 0.5)} | ${at(cpu, 0.95)} | ${wall.length} |`
}

/** Where the time of one change goes, for the largest number of viewers. */
function breakdown(count: number, result: Awaited<ReturnType<typeof measure>>, publishes: PublishTimings[]) {
  const sorted = (pick: (timings: PublishTimings) => number) => publishes.map(pick).sort((a, b) => a - b)
  const step = (name: string, key: Exclude<keyof PublishTimings, 'bytes'>) => row(name, sorted(timings => timings[key].wallMs), sorted(timings => timings[key].cpuMs))
  console.log(`\nWhere the time goes, ${count} viewers: every publish during the run (the colour changes and what followed them). CPU time does not`)
  console.log('depend on other work on the machine; wall time does.\n')
  console.log('| step | wall p50 | wall p95 | CPU p50 | CPU p95 | n |')
  console.log('|---|---|---|---|---|---|')
  console.log(step('server: read the backend\'s state', 'read'))
  console.log(step('server: serialise it as clients see it (JSON round trip)', 'serialise'))
  console.log(step('server: diff against the last published state (rfc6902)', 'diff'))
  console.log(step(`server: send (socket.io encodes once, writes to ${count + 1} sockets)`, 'send'))
  console.log(row('patch size (JSON)', sorted(timings => timings.bytes), NO_CPU, 'bytes'))
  console.log(row('action → the first viewer has the new state (presenter → server → publish → network → one viewer)', result.first, NO_CPU))
  console.log(row(`first → last viewer: the ${count} viewers of this one process, one after another`, result.spread, result.spreadCpu))
  console.log(row('one viewer: patch → new state (validate the patch, apply it, validate the state)', result.followerCost, NO_CPU, 'µs', 1000))
}

async function main() {
  const server = await startServerProcess({ port: await freePort() })
  try {
    console.log(`demo server RSS at start: ${server.rssMegabytes().toFixed(1)} MB`)
    console.log('clients | change → state p50 | p95     | samples | server RSS | load average (1 min)')
    let last: { count: number, result: Awaited<ReturnType<typeof measure>>, publishes: PublishTimings[] } | undefined
    for (const count of clientCounts) {
      await server.stats()
      const result = await measure(server.url, server.token, count)
      const { publishes } = await server.stats()
      last = { count, result, publishes }
      console.log(`${String(count).padStart(7)} | ${result.p50.toFixed(1).padStart(14)} ms | ${result.p95.toFixed(1).padStart(5)} ms | ${String(result.samples).padStart(7)} | ${server.rssMegabytes().toFixed(1).padStart(7)} MB | ${result.load.toFixed(1)}`)
    }
    if (last) {
      console.log(`${last.count} viewers: p95 ${last.result.p95.toFixed(1)} ms (goal ≤ ${GOAL_P95_MS} ms: ${last.result.p95 <= GOAL_P95_MS
        ? 'met'
        : 'MISSED'}); other work on this machine (load average above) slows every step`)
      breakdown(last.count, last.result, last.publishes)
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
