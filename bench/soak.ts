/* eslint-disable no-console -- a benchmark prints its figures */
// Benchmark, not a test: `npx tsx bench/soak.ts`. A long rehearsal: the simulation at speed 20, the presenter
// acting every 200 ms (new colours in git, drift, deleted pods, syncs, reverts), 50 viewers following.
// Prints the server's RSS over time and after the soak (goal ≤ 150 MB), its JS heap after GC, and the bytes each
// viewer received per minute. SOAK_MINUTES=10 for the full soak (default 1).
import type { Socket } from 'socket.io-client'
import type { ActionRequest, ClientToServerEvents, DemoState, ServerToClientEvents } from '../common/protocol'
import { Buffer } from 'node:buffer'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { io } from 'socket.io-client'
import { StateFollower } from '../common/state-follower'
import { freePort } from '../scripts/lib/net'
import { megabytes, startServerProcess } from './server-process'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

const minutes = Number(process.env.SOAK_MINUTES ?? 1)
const VIEWERS = Number(process.env.SOAK_VIEWERS ?? 50)
const ACT_EVERY_MS = 200
const RSS_GOAL_MB = 150

interface Viewer {
  socket: Client
  follower: StateFollower
  bytes: number
  messages: number
}

function connectViewer(url: string, index: number): Promise<Viewer> {
  const socket: Client = io(url, {
    transports: ['websocket'],
    forceNew: true,
    // Each viewer as a phone behind the deck's proxy.
    extraHeaders: { 'x-forwarded-for': `198.18.0.${index + 1}` },
  })
  const viewer: Viewer = {
    socket,
    follower: new StateFollower(socket),
    bytes: 0,
    messages: 0,
  }
  socket.io.on('open', () => {
    socket.io.engine.on('data', (data: string | ArrayBuffer) => {
      viewer.messages++
      viewer.bytes += typeof data === 'string'
        ? Buffer.byteLength(data)
        : data.byteLength
    })
  })
  return new Promise((resolve, reject) => {
    viewer.follower.onState(() => resolve(viewer))
    socket.once('connect_error', reject)
  })
}

/** What a presenter does in a long rehearsal, over and over. */
function* rehearsal(): Generator<ActionRequest> {
  for (let round = 0; ; round++) {
    const color = `#${((round * 2654435761) >>> 8 & 0xFFFFFF).toString(16).padStart(6, '0')}`
    yield { type: 'git.setColor', color }
    yield { type: 'drift.scale', replicas: 2 + round % 3 }
    yield { type: 'drift.deletePod' }
    yield { type: 'app.refresh', app: 'podinfo' }
    yield { type: 'drift.setColor', color: '#ff0000' }
    yield { type: 'app.sync', app: 'podinfo' }
    yield round % 5 === 4
      ? { type: 'demo.reset' }
      : { type: 'git.revert' }
    yield { type: 'app.refresh', app: 'root' }
  }
}

async function main(): Promise<void> {
  const server = await startServerProcess({
    port: await freePort(),
    args: ['--speed', '20'],
  })
  const acks = {
    ok: 0,
    busy: 0,
    failed: 0,
    waiting: 0,
  }
  try {
    const presenter: Client = io(server.url, {
      transports: ['websocket'],
      auth: { token: server.token },
      forceNew: true,
    })
    await new StateFollower(presenter).next()
    const viewers = await Promise.all(Array.from({ length: VIEWERS }, (_, index) => connectViewer(server.url, index)))
    await sleep(2000)
    const rssAtStart = server.rssMegabytes()
    const heapAtStart = (await server.stats()).memory
    console.log(`soak: ${minutes} min at speed 20, the presenter acting every ${ACT_EVERY_MS} ms, ${VIEWERS} viewers`)
    console.log(`  0:00  RSS ${rssAtStart.toFixed(0)} MB, heap after GC ${megabytes(heapAtStart.heapUsed).toFixed(1)} MB`)
    const bytesAtStart = viewers.reduce((sum, viewer) => sum + viewer.bytes, 0)
    const messagesAtStart = viewers.reduce((sum, viewer) => sum + viewer.messages, 0)
    const started = performance.now()
    const actions = rehearsal()
    const actor = setInterval(() => {
      acks.waiting++
      void presenter.timeout(60_000).emitWithAck('action', actions.next().value!).finally(() => acks.waiting--).then((ack) => {
        if (ack.ok)
          acks.ok++
        else if (ack.error.startsWith('busy'))
          acks.busy++
        else
          acks.failed++
      }, () => acks.failed++)
    }, ACT_EVERY_MS)
    const reportEvery = Math.max(30_000, minutes * 60_000 / 10)
    for (let elapsed = reportEvery; elapsed <= minutes * 60_000; elapsed += reportEvery) {
      await sleep(started + elapsed - performance.now())
      const { memory } = await server.stats()
      const at = `${Math.floor(elapsed / 60_000)}:${String(Math.round(elapsed / 1000) % 60).padStart(2, '0')}`
      console.log(`  ${at.padStart(5)}  RSS ${server.rssMegabytes().toFixed(0)} MB, heap after GC ${megabytes(memory.heapUsed).toFixed(1)} MB (of ${megabytes(memory.heapTotal).toFixed(0)} MB), external ${megabytes(memory.external).toFixed(1)} MB`)
    }
    clearInterval(actor)
    const soakMinutes = (performance.now() - started) / 60_000
    const bytes = viewers.reduce((sum, viewer) => sum + viewer.bytes, 0) - bytesAtStart
    const messages = viewers.reduce((sum, viewer) => sum + viewer.messages, 0) - messagesAtStart
    // Once the queue is empty and the rollouts are over, every viewer must have the state a new client gets.
    while (acks.waiting > 0)
      await sleep(100)
    await sleep(5000)
    const freshSocket: Client = io(server.url, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { 'x-forwarded-for': '198.18.1.1' },
    })
    const fresh = await new StateFollower(freshSocket).next()
    freshSocket.close()
    const inSync = viewers.filter(viewer => sameState(viewer.follower.state, fresh)).length
    const rssAtEnd = server.rssMegabytes()
    if (process.env.SOAK_SMAPS) {
      console.log(server.memoryMap())
      const { heapSpaces } = await server.stats()
      console.log(heapSpaces.map(space => `  ${space.name}: ${megabytes(space.used).toFixed(1)} of ${megabytes(space.size).toFixed(1)} MB`).join('\n'))
    }
    const { memory } = await server.stats()
    for (const client of [
      presenter,
      ...viewers.map(viewer => viewer.socket),
    ])
      client.close()
    console.log(`presenter: ${acks.ok} actions done, ${acks.busy} refused as busy, ${acks.failed} failed`)
    console.log(`server RSS: ${rssAtStart.toFixed(0)} MB at start → ${rssAtEnd.toFixed(0)} MB after the soak (goal ≤ ${RSS_GOAL_MB} MB: ${rssAtEnd <= RSS_GOAL_MB
      ? 'met'
      : 'MISSED'}); heap after GC ${megabytes(memory.heapUsed).toFixed(1)} MB, external ${megabytes(memory.external).toFixed(1)} MB, array buffers ${megabytes(memory.arrayBuffers).toFixed(1)} MB`)
    console.log(`bytes sent per viewer per minute: ${(bytes / VIEWERS / soakMinutes / 1024).toFixed(0)} KiB (${(bytes / 1024 / 1024).toFixed(1)} MiB to ${VIEWERS} viewers in ${soakMinutes.toFixed(1)} min; ${(messages / VIEWERS / soakMinutes).toFixed(0)} messages per viewer per minute, ${(bytes / messages).toFixed(0)} bytes each on average)`)
    console.log(`viewers in step with a fresh client after the soak: ${inSync}/${VIEWERS}`)
  }
  finally {
    await server.stop()
  }
}

/** The same state but for `updatedAt`, which is the time it was read. */
function sameState(a: DemoState | undefined, b: DemoState): boolean {
  return JSON.stringify({ ...a, updatedAt: undefined }) === JSON.stringify({ ...b, updatedAt: undefined })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
