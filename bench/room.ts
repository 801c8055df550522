/* eslint-disable no-console -- a benchmark prints its figures */
// Benchmark, not a test: `npx tsx bench/room.ts`. A room of phones on `npm run dev -- --remote`: PHONES (default 200)
// clients, each from its own loopback address (127.0.0.2 …), each with what a phone's page opens through the deck:
// Vite's HMR WebSocket (Slidev's sync channel: the slide position) and socket.io through the deck's proxy (the demo
// state and the Q&A board). Prints:
// - presenter slide change → phone: from the presenter's POST of its position to each phone's copy, p50/p95;
// - demo change → phone: from the presenter's action to each phone's first state patch, p50/p95;
// - bytes per phone per minute (what the kernel received on the phone's two sockets);
// - the presenter's action ack (app.refresh) p95, idle (no phones) vs 200 phones asking 20 questions a second.
// Goals: slide change → phone p95 ≤ 250 ms; the presenter's ack ≤ 2× idle.
import type { Socket as NetSocket } from 'node:net'
import type { Client } from './presenter-probe'
import { randomBytes } from 'node:crypto'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { io } from 'socket.io-client'
import { WebSocket } from 'ws'
import { startDevServer } from '../scripts/lib/dev-server'
import { connectPresenter, presenterAcks, PROBE_EVERY_MS } from './presenter-probe'
import { percentile } from './server-process'

const PHONES = Number(process.env.PHONES ?? 200)
const QUESTIONS_PER_SECOND = Number(process.env.QUESTIONS_PER_SECOND ?? 20)
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 30)
const SLIDE_CHANGES = 30
const DEMO_CHANGES = 10

interface Phone {
  hmr: WebSocket
  demo: Client
  /** performance.now() when the phone heard each slide position. */
  heardPage: Map<number, number>
  patchesAt: number[]
  sockets: () => NetSocket[]
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
function summary(values: number[]) {
  const ordered = sorted(values)
  return `p50 ${percentile(ordered, 0.5).toFixed(1)} ms, p95 ${percentile(ordered, 0.95).toFixed(1)} ms, max ${ordered.at(-1)?.toFixed(1)} ms (${ordered.length})`
}
function verdict(met: boolean): string {
  return met
    ? 'met'
    : 'MISSED'
}
/** From `sentAt` to `at`; infinite where it never came. */
function delay(at: number | undefined, sentAt: number): number {
  return at === undefined
    ? Number.POSITIVE_INFINITY
    : at - sentAt
}

async function connectPhone(port: number, wsToken: string, index: number): Promise<Phone> {
  const from = `127.0.0.${2 + index % 250}`
  const origin = `http://127.0.0.1:${port}`
  const hmr = new WebSocket(`ws://127.0.0.1:${port}/?token=${wsToken}`, 'vite-hmr', {
    localAddress: from,
    headers: { origin },
  })
  const demo: Client = io(origin, {
    transports: ['websocket'],
    forceNew: true,
    localAddress: from,
    extraHeaders: { origin },
    auth: { phone: `bench-${index}-${randomBytes(8).toString('hex')}` },
  } as Parameters<typeof io>[1])
  const phone: Phone = {
    hmr,
    demo,
    heardPage: new Map(),
    patchesAt: [],
    sockets: () => [
      (hmr as unknown as { _socket?: NetSocket })._socket,
      (demo.io.engine?.transport as unknown as { ws?: { _socket?: NetSocket } } | undefined)?.ws?._socket,
    ].filter((socket): socket is NetSocket => Boolean(socket)),
  }
  hmr.on('message', (data) => {
    const text = String(data)
    if (!text.includes('"vue-server-ref"'))
      return
    const message = JSON.parse(text) as { data?: { key?: string, data?: { page?: number }, patch?: { page?: number } } }
    const page = message.data?.key === 'nav'
      ? (message.data.data ?? message.data.patch)?.page
      : undefined
    if (page !== undefined && !phone.heardPage.has(page))
      phone.heardPage.set(page, performance.now())
  })
  demo.on('patch', () => phone.patchesAt.push(performance.now()))
  await Promise.all([
    new Promise((resolve, reject) => {
      hmr.once('open', resolve)
      hmr.once('error', reject)
    }),
    new Promise((resolve, reject) => {
      demo.once('state', resolve)
      demo.once('connect_error', reject)
    }),
  ])
  return phone
}

let page = 100
/** The presenter's window moves, as Slidev's client does: its position, POSTed to the deck's server. */
async function moveSlides(port: number): Promise<{ page: number, sentAt: number }> {
  page++
  const sentAt = performance.now()
  const response = await fetch(`http://127.0.0.1:${port}/@server-reactive/nav`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'bench-presenter',
      data: {
        page,
        clicks: 0,
        lastUpdate: {
          id: 'bench',
          type: 'presenter',
          time: Date.now(),
        },
      },
      timestamp: Date.now(),
    }),
  })
  if (!response.ok)
    throw new Error(`the presenter's move was refused: ${response.status}`)
  return { page, sentAt }
}

/** One slide change: how long it took each phone to hear it, as they stand `waitMs` after the presenter's POST. */
async function slideChange(port: number, phones: Phone[], waitMs: number): Promise<number[]> {
  const { page: moved, sentAt } = await moveSlides(port)
  await sleep(waitMs)
  return phones.map(phone => delay(phone.heardPage.get(moved), sentAt))
}

function closePhones(phones: Phone[]): void {
  for (const phone of phones) {
    phone.hmr.close()
    phone.demo.close()
  }
}

async function main(): Promise<void> {
  const server = await startDevServer({
    args: [
      '--remote',
      '--bind',
      '127.0.0.1',
      '--questions',
      'none',
    ],
  })
  const port = Number(new URL(server.deckUrl).port)
  const phones: Phone[] = []
  try {
    const client = await (await fetch(`http://127.0.0.1:${port}/@vite/client`)).text()
    const wsToken = /wsToken = "([^"]+)"/.exec(client)?.[1]
    if (!wsToken)
      throw new Error('no HMR token in /@vite/client')
    const presenter = await connectPresenter(`http://127.0.0.1:${port}`, server.token)
    await presenterAcks(presenter, 2000, [])
    const idle: number[] = []
    await presenterAcks(presenter, LOAD_SECONDS * 500, idle)

    const connectStarted = performance.now()
    for (let index = 0; index < PHONES; index += 20) {
      phones.push(...await Promise.all(Array.from({
        length: Math.min(20, PHONES - index),
      }, (_, offset) => connectPhone(port, wsToken, index + offset))))
    }
    console.log(`${PHONES} phones connected in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s (from ${Math.min(PHONES, 250)} loopback addresses)`)
    const received = () => phones.map(phone => phone.sockets().reduce((sum, socket) => sum + socket.bytesRead, 0))
    /** Kernel-counted bytes per phone per minute since `from`. */
    const rate = (before: number[], from: number) => {
      const total = received().reduce((sum, value, index) => sum + value - before[index]!, 0)
      return total / phones.length / ((performance.now() - from) / 60_000) / 1024
    }
    const talkBytes = received()
    const talkFrom = performance.now()

    const slide: number[] = []
    for (let change = 0; change < SLIDE_CHANGES; change++)
      slide.push(...await slideChange(port, phones, 400))

    const demoChange: number[] = []
    for (let change = 0; change < DEMO_CHANGES; change++) {
      // Quiet first: the change measured is the presenter's, not the simulation's own.
      for (let quiet = 0; quiet < 50 && phones.some(phone => (phone.patchesAt.at(-1) ?? 0) > performance.now() - 600); quiet++)
        await sleep(200)
      const sentAt = performance.now()
      await presenter.timeout(10_000).emitWithAck('action', { type: 'app.refresh', app: 'podinfo' })
      await sleep(1000)
      for (const phone of phones)
        demoChange.push(delay(phone.patchesAt.find(at => at >= sentAt), sentAt))
    }

    const talkRate = rate(talkBytes, talkFrom)
    const loadBytes = received()
    const loadFrom = performance.now()
    const loaded: number[] = []
    const slideUnderLoad: number[] = []
    let asked = 0
    const answers = new Map<string, number>()
    const asking = setInterval(() => {
      for (let n = 0; n < QUESTIONS_PER_SECOND / 10; n++) {
        const phone = phones[asked % phones.length]!
        const text = `Question ${asked++} from the room: how does this work at scale?`
        void phone.demo.timeout(10_000).emitWithAck('ask', { text }).then((answer) => {
          const key = answer.ok ? 'accepted' : answer.problem
          answers.set(key, (answers.get(key) ?? 0) + 1)
        }, () => answers.set('no answer', (answers.get('no answer') ?? 0) + 1))
      }
    }, 100)
    const moving = (async () => {
      const until = performance.now() + LOAD_SECONDS * 1000
      while (performance.now() < until)
        slideUnderLoad.push(...await slideChange(port, phones, 1000))
    })()
    await presenterAcks(presenter, LOAD_SECONDS * 1000, loaded)
    clearInterval(asking)
    await moving
    const loadRate = rate(loadBytes, loadFrom)
    closePhones(phones)
    await sleep(1000)
    await presenterAcks(presenter, LOAD_SECONDS * 500, idle)
    presenter.close()

    const p95 = (values: number[]) => percentile(sorted(values), 0.95)
    const slideP95 = p95(slide)
    const ratio = p95(loaded) / p95(idle)
    console.log(`presenter slide change → phone: ${summary(slide)}; goal p95 ≤ 250 ms: ${verdict(slideP95 <= 250)}`)
    console.log(`  … while the phones ask ${QUESTIONS_PER_SECOND} questions/s: ${summary(slideUnderLoad)}`)
    console.log(`demo change → phone (app.refresh → first patch): ${summary(demoChange)}`)
    console.log(`bytes per phone per minute (HMR + socket.io, as the kernel received them): ${talkRate.toFixed(1)} KiB while slides and the demo move (a slide change every 0.4 s, ${DEMO_CHANGES} refreshes); ${loadRate.toFixed(1)} KiB under the load below (a slide a second, the presenter's refresh every ${PROBE_EVERY_MS} ms, ${QUESTIONS_PER_SECOND} questions/s)`)
    console.log(`questions: ${asked} asked, answers ${JSON.stringify(Object.fromEntries(answers))}`)
    console.log(`presenter ack (app.refresh), idle:       ${summary(idle)}`)
    console.log(`presenter ack, ${PHONES} phones + ${QUESTIONS_PER_SECOND} q/s: ${summary(loaded)}`)
    console.log(`p95 loaded / idle: ${ratio.toFixed(2)}× (goal ≤ 2×): ${verdict(ratio <= 2)}`)
  }
  finally {
    closePhones(phones)
    await server.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
