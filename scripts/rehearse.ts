import type { Socket } from 'socket.io-client'
import type { ActionRequest, ActionResponse, ClientToServerEvents, DemoState, ServerToClientEvents } from '../common/protocol'
import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { io } from 'socket.io-client'
import { DEMO_COLORS } from '../common/demo-colors'
import { podinfoApp, settled } from '../common/demo-state'
import { MAX_REPLICAS } from '../common/protocol'
import { StateFollower } from '../common/state-follower'
// `npm run rehearse [-- --live [--kubeconfig PATH] [--context NAME] [--repo URL|PATH] | --speed N]`:
// the talk's demo, run as the presenter over the demo server's own socket.io protocol, step by step,
// with a table of what was expected, what was seen and how long it took. Exit status 0 only if every step passed.
import { errorMessage, shortSha } from '../common/text'
import { startDemoServer } from '../server/app'

export interface RehearsalOptions {
  live?: boolean
  kubeconfig?: string
  context?: string
  repo?: string
  /** Simulation speed (ignored live). */
  speed?: number
  /** How long one step may take at speed 1 (simulation) or live. */
  stepTimeoutMs?: number
  log?: (line: string) => void
}

export interface StepResult {
  step: string
  expected: string
  observed: string
  seconds: number
  ok: boolean
  /** What to check when it failed. */
  check?: string
}

export interface Rehearsal {
  rows: StepResult[]
  ok: boolean
  /** Seconds from the commit's ack to podinfo Synced at that commit. */
  commitToSynced?: number
}

const short = (sha: string | undefined) => shortSha(sha, '?')
// The talk's own colours first (common/demo-colors.ts), so a rehearsal drives what a recording will match.
const CANDIDATE_COLOURS = [
  DEMO_COLORS.commit,
  DEMO_COLORS.race,
  '#16a085',
  DEMO_COLORS.drift,
]

function describe(state: DemoState | undefined): string {
  if (!state)
    return 'no state'
  const app = podinfoApp(state)
  const pods = state.podinfo.pods
  return `${app?.syncStatus ?? '?'}/${app?.healthStatus ?? '?'} at ${short(app?.revision)}, ${pods.filter(pod => pod.ready).length}/${state.podinfo.desiredReplicas} ready ${state.podinfo.color}${state.cluster.connection === 'connected'
    ? ''
    : `, ${state.cluster.connection}`}`
}

/** What the audience saw of demo 4, in order: the namespace Terminating, podinfo Missing, retries, gone, back. */
export function drStory(states: readonly DemoState[]): string {
  const seen: string[] = []
  const note = (word: string) => {
    if (!seen.includes(word))
      seen.push(word)
  }
  for (const state of states) {
    const app = podinfoApp(state)
    const phase = state.podinfo.namespace?.phase
    if (phase === 'Terminating')
      note('Terminating')
    if (app?.healthStatus === 'Missing')
      note('Missing')
    const retries = app?.operation?.retry?.count ?? 0
    if (retries > 0)
      note(`retry ${retries}`)
    if (phase === 'Gone')
      note('gone')
    if (phase === 'Active' && seen.includes('gone'))
      note('created')
  }
  return seen.join(', ') || 'nothing'
}

class Presenter {
  readonly states: { at: number, state: DemoState }[] = []
  private readonly waiters = new Set<() => void>()

  private readonly follower: StateFollower

  private constructor(private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    // The whole state on connect, then patches: the follower keeps the copy (and asks again on a gap).
    this.follower = new StateFollower(socket)
    this.follower.onState(() => {
      const state = this.follower.state
      if (!state)
        return
      this.states.push({
        at: Date.now(),
        state,
      })
      if (this.states.length > 2000)
        this.states.splice(0, 1000)
      for (const waiter of this.waiters)
        waiter()
    })
  }

  static async connect(url: string, token: string): Promise<Presenter> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    })
    const presenter = new Presenter(socket)
    await new Promise<void>((resolvePromise, reject) => {
      void presenter.follower.next().then(() => resolvePromise())
      socket.once('connect_error', reject)
    })
    return presenter
  }

  get latest(): DemoState {
    return this.states.at(-1)!.state
  }

  act(request: ActionRequest, timeoutMs: number): Promise<ActionResponse> {
    return this.socket.timeout(timeoutMs).emitWithAck('action', request)
  }

  /** The first state since `since` (ms) for which `predicate` holds, with its arrival time; undefined after `timeoutMs`. */
  waitFor(predicate: (state: DemoState) => boolean, since: number, timeoutMs: number): Promise<{ at: number, state: DemoState } | undefined> {
    const find = () => this.states.find(entry => entry.at >= since && predicate(entry.state))
    const found = find()
    if (found)
      return Promise.resolve(found)
    return new Promise((resolvePromise) => {
      let timer: NodeJS.Timeout | undefined
      const check = () => {
        const seen = find()
        if (!seen)
          return
        clearTimeout(timer)
        this.waiters.delete(check)
        resolvePromise(seen)
      }
      timer = setTimeout(() => {
        this.waiters.delete(check)
        resolvePromise(undefined)
      }, timeoutMs)
      this.waiters.add(check)
    })
  }

  close(): void {
    this.socket.close()
  }
}

/** Runs the demo script once; never throws for a failed step (it becomes a ✗ row). */
export async function rehearse(options: RehearsalOptions = {}): Promise<Rehearsal> {
  const speed = options.live
    ? 1
    : options.speed ?? 1
  const stepMs = Math.max(3000, (options.stepTimeoutMs ?? (options.live ? 120_000 : 60_000)) / speed)
  const actionMs = options.live
    ? 90_000
    : Math.max(15_000, stepMs)
  const token = randomBytes(24).toString('hex')
  const server = await startDemoServer({
    backend: options.live ? 'kube' : 'sim',
    port: 0,
    speed,
    token,
    tokenFile: false,
    kubeconfig: options.kubeconfig,
    context: options.context,
    repo: options.repo,
    logger: {
      info: () => {},
      warn: () => {},
      error: line => options.log?.(`demo server: ${line}`),
    },
  })
  const rows: StepResult[] = []
  let commitToSynced: number | undefined
  const presenter = await Presenter.connect(server.url, token)
  try {
    const record = (row: Omit<StepResult, 'seconds'> & { startedAt: number, endedAt?: number }) => {
      const { startedAt, endedAt, ...rest } = row
      const result = { ...rest, seconds: Math.round(((endedAt ?? Date.now()) - startedAt) / 100) / 10 }
      rows.push(result)
      options.log?.(`${result.ok ? '✓' : '✗'} ${result.step}: ${result.observed} (${result.seconds} s)`)
      return result.ok
    }

    /** One action, then wait for what the audience should see. */
    const step = async (name: string, expected: string, request: ActionRequest | undefined, until: (state: DemoState, ack: ActionResponse | undefined) => boolean, check: string, observed?: (state: DemoState, ack: ActionResponse | undefined) => string, timeoutMs = stepMs) => {
      const startedAt = Date.now()
      let ack: ActionResponse | undefined
      if (request) {
        ack = await presenter.act(request, actionMs).catch((error: Error) => ({ ok: false as const, error: `no ack: ${error.message}` }))
        if (!ack.ok) {
          return {
            ok: record({
              step: name,
              expected,
              observed: `refused: ${ack.error}`,
              ok: false,
              check,
              startedAt,
            }),
            ack,
            startedAt,
          }
        }
      }
      const seen = await presenter.waitFor(state => until(state, ack), startedAt, timeoutMs)
      const state = seen?.state ?? presenter.latest
      record({
        step: name,
        expected,
        observed: (observed ?? describe)(state, ack),
        ok: Boolean(seen),
        check,
        startedAt,
        endedAt: seen?.at,
      })
      return {
        ok: Boolean(seen),
        ack,
        startedAt,
      }
    }

    const start = await presenter.waitFor(state => state.cluster.connection === 'connected' && settled(state), 0, stepMs)
    const first = start?.state ?? presenter.latest
    if (!record({
      step: 'start',
      expected: 'connected, podinfo Synced + Healthy',
      observed: describe(first),
      ok: Boolean(start),
      check: options.live ? 'npm run preflight; is every Application Synced and Healthy in Argo CD?' : 'the simulation did not settle: run the server tests',
      startedAt: Date.now(),
    })) {
      return { rows, ok: false }
    }
    const startHead = first.git.head
    const startUi = first.git.desired
    const replicas = first.podinfo.desiredReplicas
    const startColor = first.podinfo.color
    const [colour = DEMO_COLORS.commit, raceColour = DEMO_COLORS.race] = CANDIDATE_COLOURS.filter(candidate => candidate !== startColor)

    const drifted = Math.min(MAX_REPLICAS, replicas + 2)
    let ok = (await step('drift', `kubectl scale to ${drifted} → OutOfSync`, { type: 'drift.scale', replicas: drifted }, state => podinfoApp(state)?.syncStatus === 'OutOfSync', 'does Argo CD see live changes? (its application controller; podinfo\'s ignoreDifferences)')).ok
    if (ok) {
      ok = (await step('healed', `self-heal → Synced, ${replicas} replicas`, undefined, state => settled(state) && state.podinfo.desiredReplicas === replicas, 'selfHeal on in apps/apps/podinfo.yaml? a self-heal backoff on the timeline? (Argo CD waits up to 300 s after repeated drift)')).ok
    }
    let commit: ActionResponse | undefined
    if (ok) {
      const result = await step('commit', `git commit ${colour} → Synced + Healthy at the new SHA`, { type: 'git.setColor', color: colour }, (state, ack) => ack?.ok === true && podinfoApp(state)?.revision === ack.sha && settled(state) && state.podinfo.color === colour, 'git push rights (npm run preflight); the refresh annotation; Argo CD\'s repo-server logs')
      ok = result.ok
      commit = result.ack
      const sha = commit?.ok ? commit.sha : undefined
      if (sha) {
        // From the click to the first state that shows podinfo Synced at the new commit.
        const synced = await presenter.waitFor(state => podinfoApp(state)?.revision === sha && podinfoApp(state)?.syncStatus === 'Synced', result.startedAt, 1)
        if (synced)
          commitToSynced = Math.round((synced.at - result.startedAt) / 100) / 10
      }
    }
    if (ok && commit?.ok) {
      ok = (await step('revert', `git revert ${short(commit.sha)} → back to ${startColor}`, { type: 'git.revert', sha: commit.sha }, (state, ack) => ack?.ok === true && podinfoApp(state)?.revision === ack.sha && settled(state) && state.podinfo.color === startColor, 'was there a later change to the same lines? (the ack says which file)')).ok
    }
    if (ok) {
      // Demo 4: the namespace goes, Argo CD rebuilds it from git. Up to ~25 s to Synced, then the new Ingress waits for
      // ingress-nginx's 60 s status tick before it is Healthy: this step may take a good minute and a half.
      const revision = podinfoApp(presenter.latest)?.revision
      const since = Date.now()
      const seenSince = (test: (state: DemoState) => boolean) => presenter.states.some(entry => entry.at >= since && test(entry.state))
      ok = (await step('recover', `kubectl delete namespace podinfo → Missing → Synced + Healthy at ${short(revision)}`, { type: 'drift.deleteNamespace' }, state => seenSince(seen => seen.podinfo.namespace?.phase !== 'Active') && state.podinfo.namespace?.phase === 'Active' && settled(state) && podinfoApp(state)?.revision === revision, 'CreateNamespace=true and selfHeal in apps/apps/podinfo.yaml (the ack says what was refused); a retry that ran out: Argo CD\'s "retried 5 times"', state => `${describe(state)}; seen: ${drStory(presenter.states.filter(entry => entry.at >= since).map(entry => entry.state))}`, Math.max(stepMs, 180_000 / speed))).ok
    }
    if (ok) {
      ok = (await step('race', `two pushes at once → ours rejected, rebased, Synced with ${raceColour}`, { type: 'git.race', color: raceColour }, (state, ack) => ack?.ok === true && ack.rejected === 1 && podinfoApp(state)?.revision === ack.sha && settled(state) && state.podinfo.color === raceColour, 'the timeline\'s git lines; the remote must accept two pushes in a row', (state, ack) => `${describe(state)}; rejected ${ack?.ok ? ack.rejected : '?'}`)).ok
    }
    // Always: the repository goes back to how the rehearsal found it, by a new commit.
    await step('reset', `reset → ${startColor}, "${startUi?.message ?? ''}"`, { type: 'demo.reset' }, (state, ack) => ack?.ok === true && (!ack.sha || podinfoApp(state)?.revision === ack.sha) && settled(state) && state.podinfo.color === startColor, 'git push rights; the ack\'s error')
    const end = presenter.latest
    const history = end.git.log.some(entry => entry.sha === startHead) || end.git.head === startHead
    const same = end.git.desired?.uiYaml === startUi?.uiYaml
    record({
      step: 'as found',
      expected: 'podinfo\'s manifest as at the start; history only grew',
      observed: `${same ? 'same manifest' : 'manifest differs'}, ${history
        ? `${short(startHead)} still in history`
        : `${short(startHead)} not in the last ${end.git.log.length} commits`}`,
      ok: same && history,
      check: 'git log on the remote: the reset commit should restore manifests/apps/podinfo/deployment.yaml',
      startedAt: Date.now(),
    })
    return {
      rows,
      ok: rows.every(row => row.ok),
      commitToSynced,
    }
  }
  finally {
    presenter.close()
    await server.close()
  }
}

export function formatTable(rows: readonly StepResult[]): string[] {
  const header = [
    '',
    'step',
    'expected',
    'observed',
    'seconds',
  ]
  const body = rows.map(row => [
    row.ok ? '✓' : '✗',
    row.step,
    row.expected,
    row.observed,
    row.seconds.toFixed(1),
  ])
  const widths = header.map((_, column) => Math.max(...[header, ...body].map(cells => cells[column]!.length)))
  const line = (cells: string[]) => cells.map((cell, column) => column === 4
    ? cell.padStart(widths[column]!)
    : cell.padEnd(widths[column]!)).join('  ').trimEnd()
  return [
    line(header),
    ...body.map(line),
  ]
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      live: { type: 'boolean', default: false },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      repo: { type: 'string' },
      speed: { type: 'string' },
    },
  })
  const speed = values.speed === undefined
    ? 1
    : Number(values.speed)
  if (!Number.isFinite(speed) || speed <= 0 || speed > 100) {
    console.error(`rehearse: --speed must be a number between 0 and 100, not "${values.speed}"`)
    process.exit(2)
  }
  console.log(values.live
    ? 'rehearse: the live ops-demo (your kubeconfig, the repository Argo CD watches); the repository is put back by a new commit'
    : `rehearse: the simulated ops-demo at speed ${speed}`)
  let result: Rehearsal
  try {
    result = await rehearse({
      ...values,
      speed,
      log: line => console.log(`  ${line}`),
    })
  }
  catch (error) {
    console.error(`rehearse: ${errorMessage(error)}`)
    process.exit(1)
  }
  console.log('')
  for (const line of formatTable(result.rows))
    console.log(line)
  if (result.commitToSynced !== undefined) {
    console.log(`\ncommit → Synced: ${result.commitToSynced.toFixed(1)} s${values.live
      ? ''
      : ` (simulated at speed ${speed})`}`)
  }
  for (const row of result.rows.filter(candidate => !candidate.ok))
    console.log(`✗ ${row.step}: check ${row.check ?? 'the timeline'}`)
  console.log(result.ok ? 'rehearsal passed' : 'rehearsal FAILED')
  process.exit(result.ok ? 0 : 1)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  void main()
