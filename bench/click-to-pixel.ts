/* eslint-disable no-console -- a benchmark prints its figures */
import type { Browser, CDPSession, Page } from 'playwright-core'
import type { DevServer } from '../scripts/lib/dev-server'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import { chromium } from 'playwright-core'
// Benchmark, not a test: `npx tsx bench/click-to-pixel.ts` (ACTIONS=36 per condition and SPEED=1 by default;
// VERBOSE=1 prints every action). `npm run dev` (the deck + the simulated ops-demo) with a presenter window and an
// audience window in one Chromium, on the Playground slide (every demo control). The presenter acts again and again,
// by key or by a click on the dock; before each press the bench waits until the audience window is still, then times
// from the press to the first changed pixel in the audience window. Prints p50/p95/max; asserts nothing.
// Two conditions, round by round in turn so that other work on the machine hits both alike: quiet, and with one core
// kept busy by a process that stands in for the presenter's VM (bench/busy-core.ts). The machine's load average is
// printed with each.
//
// All times are on the machine's clock (performance.timeOrigin + … in the pages; the screencast's timestamps):
// - press: in the presenter window, the keydown or click event as it reaches the page (event.timeStamp).
// - first changed pixel: Chromium's own capture of the audience window (CDP Page.startScreencast, lossless PNG: equal
//   pixels give equal bytes), which sends a frame only when the page draws. The first frame captured after the
//   action's first DOM change whose pixels differ from the last frame before that change (no frame can show the
//   change earlier, and a repaint of something else in between, such as a diagram drawn in a hidden slide, does not
//   count). Stamped when the browser holds the captured frame: at or after the moment it was drawn.
// - on the way, from hooks in the pages: the action leaving the presenter's socket, the `state` message reaching the
//   audience's socket, the first DOM change of the audience slide (MutationObserver), and the first animation frame
//   after it (requestAnimationFrame, then the task after that frame's rendering): where the time goes.
// A press counts only when the first DOM change of the audience slide after it touched the terminal line, i.e. was the
// presenter's command arriving; anything else is reported as unattributed, not measured.
import { errorMessage } from '../common/text'
import { warmUpDeck } from '../scripts/lib/browser'
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium'
import { loadDeck } from '../scripts/lib/deck'
import { startDevServer } from '../scripts/lib/dev-server'
import { busyCore } from './busy-core'
import { percentile } from './server-process'

const actions = Number(process.env.ACTIONS ?? 36)
const speed = Number(process.env.SPEED ?? 1)
const verbose = Boolean(process.env.VERBOSE)
const GOAL_P95_MS = 100
/** The audience page must be this still (no DOM change, no running animation, the loop at rest) before a press. */
const STILL_MS = 1000
const SETTLE_TIMEOUT_MS = 60_000
/**
 * Idle time after both windows have loaded, before the first press, while Slidev loads the other slides. On stage the
 * deck has been open for a while; a press within seconds of opening the windows waited 0.7–6 s here for its `state`.
 */
const WARM_UP_MS = 20_000
const MEASURE_TIMEOUT_MS = 15_000

/**
 * One round of the demo that repeats without getting stuck: delete a pod, scale, drift the colour (both heal by
 * themselves), a manual sync (it also resets the self-heal backoff, so the heals stay quick), commit, revert.
 */
const CYCLE = [
  { key: 'x', label: 'x kubectl delete pod' },
  { key: 's', label: 's kubectl scale --replicas=4' },
  { key: 'k', label: 'k kubectl set env (drift colour)' },
  { key: 'y', label: 'y argocd app sync' },
  { key: 'c', label: 'c git commit && git push' },
  { key: 'r', label: 'r git revert && git push' },
] as const
const GIT_KEYS = new Set(['c', 'r'])

const CONDITIONS = {
  quiet: 'quiet machine',
  vm: 'one core kept busy by a stand-in for the VM',
} as const
type Condition = keyof typeof CONDITIONS

const probe = readFileSync(new URL('./click-to-pixel-probe.js', import.meta.url), 'utf8')

interface AudienceResult {
  domAt: number
  touchesTerminal: boolean
  firstTargets: string[]
  frameAt?: number
  paintedAt?: number
  stateAt?: number
  viewsRendered: number
  /** Long animation frames (over 50 ms) in the audience window since the press was armed. */
  longFrames: { at: number, ms: number, renderMs: number, scripts: string[] }[]
}

/** One press, as times after it in milliseconds. */
interface Sample {
  key: string
  route: 'key' | 'click'
  condition: Condition
  /** the machine's load average (1 min) at the press */
  load: number
  /** mounted demo views in the audience window that re-rendered for this press */
  views: number
  sent?: number
  /** the answer back in the presenter window (printed with VERBOSE=1) */
  ack?: number
  /** a read-only client connected straight to the demo server, not through the deck's Vite proxy */
  direct?: number
  state?: number
  dom: number
  frame: number
  pixel: number
  /** the capture's own step: from the first changed frame to the next one it took */
  captureStep?: number
}
type Step = Exclude<keyof Sample, 'key' | 'route' | 'condition' | 'load' | 'views' | 'captureStep'>

function summary(values: number[]) {
  const sorted = values.toSorted((a, b) => a - b)
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.at(-1) ?? Number.NaN,
    n: sorted.length,
  }
}

function ms(value: number) {
  return Number.isFinite(value)
    ? `${value.toFixed(0)} ms`
    : '—'
}

function row(name: string, values: number[], goal = '') {
  const { p50, p95, max, n } = summary(values)
  return `| ${name} | ${ms(p50)} | ${ms(p95)} | ${ms(max)} | ${n} | ${goal} |`
}

/** A step's time for every sample that has it; `from` makes it the time since an earlier step. */
function times(samples: Sample[], step: Step, from?: Step): number[] {
  return samples.flatMap((sample) => {
    const end = sample[step]
    const start = from
      ? sample[from]
      : 0
    return end === undefined || start === undefined
      ? []
      : [end - start]
  })
}

/**
 * The audience window's screencast, on while one press is measured. Chromium sends the picture on screen when it
 * starts, then a frame whenever the page draws, each stamped on the machine's clock.
 */
class Screencast {
  private frames: { at: number, data: string }[] = []
  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Page.screencastFrame', (frame) => {
      this.frames.push({ at: (frame.metadata.timestamp ?? Number.NaN) * 1000, data: frame.data })
      void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => {})
    })
  }

  static async open(page: Page): Promise<Screencast> {
    return new Screencast(await page.context().newCDPSession(page))
  }

  async start(): Promise<void> {
    this.frames = []
    const startedAt = Date.now()
    await this.cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 })
    await waitUntil('the screencast\'s first frame', 5000, async () => this.frames.some(frame => frame.at >= startedAt) || undefined)
  }

  /**
   * When the first frame captured after `since` with other pixels than the last frame before it was captured. Frames
   * are encoded in parallel and may arrive out of order: by their timestamps, not by arrival.
   */
  firstChange(since: number): number | undefined {
    const before = this.frames.filter(frame => frame.at <= since).sort((a, b) => a.at - b.at).at(-1)
    if (!before)
      throw new Error('no screencast frame from before the change')
    const changed = this.frames.filter(frame => frame.at > since && frame.data !== before.data)
    return changed.length
      ? Math.min(...changed.map(frame => frame.at))
      : undefined
  }

  /**
   * From the first changed frame after `since` to the next frame captured: one step of the capture's cadence while the
   * page changes. A change drawn in a frame the capture skipped is stamped at the next frame it took, so a pixel time
   * can be that much late (frames are stamped when drawn, but not every drawn frame is taken).
   */
  captureStep(since: number): number | undefined {
    const first = this.firstChange(since)
    const next = this.frames.filter(frame => first !== undefined && frame.at > first).sort((a, b) => a.at - b.at).at(0)
    return first !== undefined && next
      ? next.at - first
      : undefined
  }

  /** Every frame captured after `since`: milliseconds after it, and whether its pixels differ from the last one before. */
  framesAfter(since: number): string {
    const before = this.frames.filter(frame => frame.at <= since).sort((a, b) => a.at - b.at).at(-1)
    return this.frames.filter(frame => frame.at > since).sort((a, b) => a.at - b.at).map(frame => `+${Math.round(frame.at - since)}${frame.data === before?.data
      ? '='
      : '≠'}`).join(' ')
  }

  async stop(): Promise<void> {
    await this.cdp.send('Page.stopScreencast')
  }
}

async function waitUntil<T>(what: string, timeoutMs: number, probeFn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await probeFn()
    if (value !== undefined)
      return value
    await sleep(50)
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function openWindows(browser: Browser, server: DevServer, no: number) {
  const presenter = await browser.newPage({
    viewport: { width: 1400, height: 800 },
  })
  const audience = await browser.newPage({
    viewport: { width: 1280, height: 720 },
  })
  for (const page of [presenter, audience])
    await page.addInitScript(`${probe}; benchSockets()`)
  await presenter.goto(`${server.deckUrl}/presenter/${no}?lang=en`, { timeout: 90_000 })
  await audience.goto(`${server.deckUrl}/${no}`, { timeout: 90_000 })
  await presenter.locator('[data-testid="demo-controls"] button[data-key="x"]:enabled').waitFor({ timeout: 60_000 })
  await audience.locator(`.slidev-page-${no} [data-testid="terminal-line"]`).waitFor({ timeout: 60_000 })
  await presenter.evaluate(`(() => { ${probe}; benchPresenter(${JSON.stringify(CYCLE.map(step => step.key))}) })()`)
  const problem = await audience.evaluate(`(() => { ${probe}; return benchAudience(${no}) })()`)
  if (problem)
    throw new Error(String(problem))
  await sleep(WARM_UP_MS)
  return { presenter, audience }
}

async function settle(presenter: Page, audience: Page, key: string) {
  const button = presenter.locator(`[data-testid="demo-controls"] button[data-key="${key}"]`)
  await waitUntil(`the audience window to be still before "${key}"`, SETTLE_TIMEOUT_MS, async () => {
    const still = await audience.evaluate('__bench.stillFor()') as number
    return still >= STILL_MS && await button.isEnabled()
      ? true
      : undefined
  })
}

/**
 * A viewer beside the deck's windows, on the demo server's own port: when the server's `state` got there, without
 * Vite's proxy. In a worker thread, so that this process's own work (the screencast's frames) cannot delay it.
 */
function watchDirectly(demoUrl: string) {
  const arrivals: number[] = []
  const worker = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads')
    const { io } = require(workerData.client)
    const socket = io(workerData.url, { transports: ['websocket'] })
    // The whole state on connect, a patch for every change after that.
    for (const event of ['state', 'patch'])
      socket.on(event, () => parentPort.postMessage(performance.timeOrigin + performance.now()))
  `, {
    eval: true,
    workerData: {
      url: demoUrl,
      client: createRequire(import.meta.url).resolve('socket.io-client'),
    },
  })
  worker.on('message', (at: number) => arrivals.push(at))
  return {
    arrivals,
    close: () => worker.terminate(),
  }
}

async function measureOne(presenter: Page, audience: Page, screencast: Screencast, direct: number[], key: string, route: Sample['route']) {
  await screencast.start()
  try {
    direct.length = 0
    await audience.evaluate('__bench.arm()')
    await presenter.evaluate('__bench.pressedAt = undefined; __benchSockets.actionsSent.length = 0; __benchSockets.acks.length = 0')
    const button = presenter.locator(`[data-testid="demo-controls"] button[data-key="${key}"]`)
    // A click event on the button, not the mouse: Chromium's capture draws the mouse pointer into the audience
    // window's frames (both windows share one headless screen), which the projector would never show.
    if (route === 'key')
      await presenter.keyboard.press(key)
    else
      await button.dispatchEvent('click')
    const pressedAt = await waitUntil(`the presenter window to see "${key}"`, MEASURE_TIMEOUT_MS, async () => await presenter.evaluate('__bench.pressedAt') as number | undefined)
    const result = await waitUntil(`the audience window to change after "${key}"`, MEASURE_TIMEOUT_MS, async () => {
      const measured = await audience.evaluate('__bench.result()') as AudienceResult | undefined
      return measured?.paintedAt !== undefined && screencast.firstChange(measured.domAt) !== undefined
        ? measured
        : undefined
    })
    // Frames captured a little earlier may still be on their way (encoding).
    await sleep(300)
    const sockets = await presenter.evaluate('({ sentAt: __benchSockets.actionsSent[0], ackAt: __benchSockets.acks[0] })') as { sentAt?: number, ackAt?: number }
    if (verbose)
      console.log(`  frames after the DOM change: ${screencast.framesAfter(result.domAt)}`)
    return {
      result,
      pressedAt,
      ...sockets,
      directAt: direct.find(at => at >= pressedAt),
      pixelAt: screencast.firstChange(result.domAt)!,
      captureStep: screencast.captureStep(result.domAt),
    }
  }
  finally {
    await screencast.stop()
  }
}

function report(samples: Sample[], context: string[], notes: string) {
  const goal = `p95 ≤ ${GOAL_P95_MS} ms`
  console.log(`\n${context.join('\n')}\n`)
  console.log('| press → | p50 | p95 | max | n | goal |')
  console.log('|---|---|---|---|---|---|')
  console.log(row('**first changed pixel in the audience window** (all actions)', times(samples, 'pixel'), goal))
  console.log(row('first changed pixel, kubectl/argocd actions (x s k y)', times(samples.filter(s => !GIT_KEYS.has(s.key)), 'pixel'), goal))
  console.log(row('first changed pixel, git actions (c r)', times(samples.filter(s => GIT_KEYS.has(s.key)), 'pixel'), goal))
  console.log(row('first frame after the audience DOM changed (rAF)', times(samples, 'frame')))
  for (const route of ['key', 'click'] as const)
    console.log(row(`first changed pixel, pressed by ${route}`, times(samples.filter(s => s.route === route), 'pixel')))

  console.log('\nPer action: press → `state` message in the audience window, and → first changed pixel\n')
  console.log('| action | state p50 | pixel p50 | pixel p95 | pixel max | n |')
  console.log('|---|---|---|---|---|---|')
  for (const { key, label } of CYCLE) {
    const mine = samples.filter(sample => sample.key === key)
    const pixel = summary(times(mine, 'pixel'))
    console.log(`| ${label} | ${ms(summary(times(mine, 'state')).p50)} | ${ms(pixel.p50)} | ${ms(pixel.p95)} | ${ms(pixel.max)} | ${pixel.n} |`)
  }

  console.log('\nWhere the time goes (each step on its own, all actions)\n')
  console.log('| step | p50 | p95 | max | n | |')
  console.log('|---|---|---|---|---|---|')
  console.log(row('presenter window: press → action sent on its socket', times(samples, 'sent')))
  console.log(row('Vite\'s proxy + demo server (+ git for c r): sent → `state` at a client on the demo server\'s port', times(samples, 'direct', 'sent')))
  console.log(row('Vite\'s proxy: that `state` → the same `state` in the audience window', times(samples, 'state', 'direct')))
  console.log(row('audience window: `state` → DOM changed (decode, validate, render)', times(samples, 'dom', 'state')))
  console.log(row('audience window: DOM changed → first frame after it', times(samples, 'frame', 'dom')))
  console.log(row('that frame → captured frame with changed pixels', times(samples, 'pixel', 'frame')))
  console.log(row('(the capture\'s cadence: the first changed frame → the next frame it took; a change in a frame it skipped is stamped up to that late)', samples.flatMap(sample => sample.captureStep ?? [])))
  console.log(`\n${notes}\n`)
}

function loadRange(values: number[]): string {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  return `${mean.toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`
}

async function main() {
  const slides = await loadDeck()
  const playground = slides.find(slide => slide.titles.en?.startsWith('Playground'))
  if (!playground)
    throw new Error('no slide titled "Playground" in slides.md')
  const loadBefore = loadavg()
  const server = await startDevServer({ speed })
  const vm = busyCore()
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
    })
    await warmUpDeck(browser, server.deckUrl)
    const { presenter, audience } = await openWindows(browser, server, playground.no)
    const screencast = await Screencast.open(audience)
    const direct = watchDirectly(server.demoUrl)
    const samples: Sample[] = []
    const unattributed: Record<Condition, string[]> = { quiet: [], vm: [] }
    const failed: Record<Condition, string[]> = { quiet: [], vm: [] }
    let vmWallSeconds = 0
    const rounds = Math.ceil(actions / CYCLE.length) * 2
    for (let round = 0; round < rounds; round++) {
      // Rounds in turn: quiet, VM, quiet, VM…; two rounds by key, then two by clicking the dock: both ways, for every
      // action, in both conditions.
      const condition: Condition = round % 2 === 0
        ? 'quiet'
        : 'vm'
      const route: Sample['route'] = Math.floor(round / 2) % 2 === 0
        ? 'key'
        : 'click'
      const roundStarted = performance.now()
      if (condition === 'vm')
        vm.on()
      for (const { key } of CYCLE) {
        try {
          await settle(presenter, audience, key)
          const load = loadavg()[0]!
          const { result, pressedAt, sentAt, ackAt, directAt, pixelAt, captureStep } = await measureOne(presenter, audience, screencast, direct.arrivals, key, route)
          if (!result.touchesTerminal) {
            unattributed[condition].push(`${key} (${route}: ${result.firstTargets.join(', ')})`)
            process.stdout.write('?')
            continue
          }
          const since = (at: number | undefined) => at === undefined
            ? undefined
            : at - pressedAt
          const sample: Sample = {
            key,
            route,
            condition,
            load,
            views: result.viewsRendered,
            sent: since(sentAt),
            ack: since(ackAt),
            direct: since(directAt),
            state: since(result.stateAt),
            dom: result.domAt - pressedAt,
            frame: result.paintedAt! - pressedAt,
            pixel: pixelAt - pressedAt,
            captureStep,
          }
          samples.push(sample)
          if (verbose) {
            console.log(JSON.stringify(sample, (_, value: unknown) => typeof value === 'number'
              ? Math.round(value)
              : value))
            for (const frame of result.longFrames)
              console.log(`  long frame at +${Math.round(frame.at - pressedAt)} ms: ${frame.ms} ms (rendering ${frame.renderMs} ms); ${frame.scripts.join('; ')}`)
          }
          else {
            process.stdout.write(condition === 'quiet'
              ? '.'
              : ':')
          }
        }
        catch (error) {
          failed[condition].push(`${key} (${route}): ${errorMessage(error)}`)
          process.stdout.write('!')
        }
      }
      if (condition === 'vm') {
        vm.off()
        vmWallSeconds += (performance.now() - roundStarted) / 1000
      }
    }
    // It spins only while on: all its CPU time is from the VM rounds.
    const vmShare = vm.cpuSeconds() / vmWallSeconds
    const frameRate = await audience.evaluate('__bench.frameRate(1000)') as number
    const liveViews = await audience.evaluate('__bench.liveViews()') as number
    const loadAfter = loadavg()
    await direct.close()
    console.log('\n')
    for (const condition of Object.keys(CONDITIONS) as Condition[]) {
      const mine = samples.filter(sample => sample.condition === condition)
      const views = summary(mine.map(sample => sample.views))
      report(mine, [
        `Presenter press → first changed pixel in the audience window, ${CONDITIONS[condition]}${condition === 'vm'
          ? ` (it got ${(vmShare * 100).toFixed(0)} % of a core)`
          : ''}:`,
        `npm run dev, simulated ops-demo at speed ${speed}, slide ${playground.no} "${playground.titles.en}", Chromium ${browser.version()} headless, ${process.platform} ${process.arch}, ${cpus().length} cores.`,
        `Audience window: ${frameRate.toFixed(0)} frames/s, ${liveViews} live demo views mounted; per press ${views.p50} re-rendered (p50, max ${views.max}).`,
        `Load average (1 min) at the presses: ${mine.length
          ? loadRange(mine.map(sample => sample.load))
          : '—'}; ${loadBefore[0]!.toFixed(1)} before the bench, ${loadAfter[0]!.toFixed(1)} after. Other work on this machine slows every step.`,
      ], [
        `${mine.length} of ${rounds / 2 * CYCLE.length} presses measured.`,
        `Unattributed (the first change after the press was not the command arriving): ${unattributed[condition].length
          ? unattributed[condition].join('; ')
          : 'none'}.`,
        `Failed: ${failed[condition].length
          ? failed[condition].join('; ')
          : 'none'}.`,
      ].join('\n'))
    }
    console.log('| condition | press → first changed pixel p50 | p95 | goal | load average (1 min) at the presses |')
    console.log('|---|---|---|---|---|')
    for (const condition of Object.keys(CONDITIONS) as Condition[]) {
      const mine = samples.filter(sample => sample.condition === condition)
      const { p50, p95 } = summary(times(mine, 'pixel'))
      console.log(`| ${CONDITIONS[condition]} | ${ms(p50)} | ${ms(p95)} | p95 ≤ ${GOAL_P95_MS} ms: ${p95 <= GOAL_P95_MS
        ? 'met'
        : 'MISSED'} | ${mine.length
        ? loadRange(mine.map(sample => sample.load))
        : '—'} |`)
    }
    console.log('')
  }
  finally {
    vm.close()
    await browser?.close()
    await server.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
