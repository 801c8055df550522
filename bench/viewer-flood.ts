/* eslint-disable no-console -- a benchmark prints its figures */
// Benchmark, not a test: `npx tsx bench/viewer-flood.ts`. The presenter's ack times (p50/p95) while idle and
// while read-only viewers flood the server with 1,400-key actions at ~2,000 messages/s, reconnecting as soon
// as they are cut off. Idle and flood alternate in 2-second windows (FLOOD_SECONDS each in total, default 20),
// so background load on the machine hits both alike. The server runs on CPU 0, the flood on CPU 1: an
// attacker brings its own CPU. Goal: p95 under the flood within 2× of idle.
// Two attackers: one on the LAN, who reaches the demo server only through the deck's proxy (which names it in
// X-Forwarded-For), and one on this machine, straight at the demo server (FLOOD_FROM=lan or local: only that one).
// Like socket.io's own client, the attackers reconnect once they get their answer; FLOOD_IMPATIENT=1 makes them open
// connections without waiting for answers, which is a connection flood: a firewall's job more than the server's.
import type { Client } from './presenter-probe'
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { io } from 'socket.io-client'
import { freePort } from '../scripts/lib/net'
import { connectPresenter, presenterAcks } from './presenter-probe'
import { percentile, pinned, startServerProcess } from './server-process'

const seconds = Number(process.env.FLOOD_SECONDS ?? 20)
const WINDOW_MS = 2000
const FLOODERS = 10
const MESSAGES_PER_SECOND = 2000

function heavyPayload(): Record<string, unknown> {
  const payload: Record<string, unknown> = { type: 'drift.scale', replicas: 2 }
  for (let index = 0; index < 1400; index++)
    payload[`key${index}`] = index
  return payload
}

/** The attacker, in its own process: floods while told 'on', reports its counts when told 'end'. */
function flood(url: string, from: string): void {
  const headers: Record<string, string> = from === 'lan'
    ? { 'x-forwarded-for': '192.0.2.66' }
    : {}
  const payload = heavyPayload()
  const impatient = process.env.FLOOD_IMPATIENT === '1'
  let on = false
  let sent = 0
  let connections = 0
  let refused = 0
  interface Slot { socket: Client }
  const connect = (slot: Slot) => {
    if (!on)
      return
    connections++
    slot.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: headers,
    })
    slot.socket.on('disconnect', () => connect(slot))
    slot.socket.on('connect_error', () => {
      refused++
      if (!impatient)
        setTimeout(connect, 10, slot)
    })
  }
  const slots = Array.from({ length: FLOODERS }, () => ({}) as Slot)
  const perTick = MESSAGES_PER_SECOND / FLOODERS / 100
  // FLOOD_IMPATIENT=1: every slot also opens a new connection every 10 ms, answered or not (a connection flood).
  if (impatient) {
    setInterval(() => {
      for (const slot of on
        ? slots
        : []) {
        if (!slot.socket?.connected) {
          slot.socket?.removeAllListeners()
          slot.socket?.close()
          connect(slot)
        }
      }
    }, 10)
  }
  setInterval(() => {
    for (const slot of on
      ? slots
      : []) {
      for (let index = 0; index < perTick && slot.socket?.connected; index++) {
        (slot.socket as unknown as { emit: (...args: unknown[]) => void }).emit('action', payload, () => {})
        sent++
      }
    }
  }, 10)
  process.on('message', (message) => {
    if (message === 'on') {
      on = true
      slots.forEach(connect)
    }
    else {
      on = false
      for (const slot of slots) {
        slot.socket?.removeAllListeners()
        slot.socket?.close()
      }
    }
    if (message === 'end') {
      process.send?.({ sent, connections, refused })
      setTimeout(() => process.exit(0), 100)
    }
  })
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b)
  return `p50 ${percentile(sorted, 0.5).toFixed(2)} ms, p95 ${percentile(sorted, 0.95).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (${sorted.length} acks)`
}

async function run(from: string): Promise<void> {
  const twoCpus = availableParallelism() >= 2
  const server = await startServerProcess({
    port: await freePort(),
    args: ['--speed', '20'],
    cpu: twoCpus ? 0 : undefined,
  })
  const [command, ...prefix] = pinned(twoCpus ? 1 : undefined, process.execPath)
  const attacker = spawn(command!, [
    ...prefix,
    '--import',
    'tsx',
    import.meta.filename,
    '--flood',
    server.url,
  ], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  try {
    const presenter = await connectPresenter(server.url, server.token)
    await presenterAcks(presenter, 1000, [])
    const idle: number[] = []
    const flooded: number[] = []
    const loops = { idle: [] as number[], flood: [] as number[] }
    for (let window = 0; window < seconds * 1000 / WINDOW_MS; window++) {
      await server.stats()
      await presenterAcks(presenter, WINDOW_MS, idle)
      loops.idle.push((await server.stats()).eventLoopUtilisation)
      attacker.send('on')
      await sleep(200)
      await server.stats()
      await presenterAcks(presenter, WINDOW_MS, flooded)
      loops.flood.push((await server.stats()).eventLoopUtilisation)
      attacker.send('off')
      await sleep(300)
    }
    const report = new Promise<{ sent: number, connections: number, refused: number }>(resolve => attacker.once('message', resolve as never))
    attacker.send('end')
    const { sent, connections, refused } = await report
    presenter.close()
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
    const ratio = percentile([...flooded].sort((a, b) => a - b), 0.95) / percentile([...idle].sort((a, b) => a - b), 0.95)
    console.log(from === 'lan'
      ? 'viewer flood from another machine, through the deck'
      : 'viewer flood from this machine, straight at the demo server')
    console.log(`presenter ack (app.refresh), idle:  ${summary(idle)}; server event loop ${(mean(loops.idle) * 100).toFixed(0)} % busy`)
    console.log(`presenter ack under a viewer flood: ${summary(flooded)}; server event loop ${(mean(loops.flood) * 100).toFixed(0)} % busy`)
    console.log(`flood: ${sent.toLocaleString('en')} 1,400-key actions sent over ${connections.toLocaleString('en')} connections (${refused.toLocaleString('en')} refused at connect) in ${seconds} s; ${FLOODERS} at a time, each reconnecting at once when cut off`)
    console.log(`p95 flood / idle: ${ratio.toFixed(2)}× (goal ≤ 2×): ${ratio <= 2
      ? 'met'
      : 'MISSED'}; server RSS ${server.rssMegabytes().toFixed(0)} MB${twoCpus
      ? ''
      : ' (one CPU: server and attacker share it)'}`)
  }
  finally {
    attacker.kill()
    await server.stop()
  }
}

async function main(): Promise<void> {
  for (const from of (process.env.FLOOD_FROM ?? 'lan,local').split(','))
    await run(from)
}

if (process.argv[2] === '--flood') {
  flood(process.argv[3]!, process.argv[4]!)
}
else {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
