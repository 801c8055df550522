// `npm run record`: the talk's demo on the simulation, recorded with a manual clock, a seeded random source
// and fixed git dates, so the same checkout always writes the same bytes.
import type { ActionRequest, ActionResult, DemoState } from '../../common/protocol'
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import process from 'node:process'
import { DEMO_COLORS } from '../../common/demo-colors'
import { gitColor, liveColor, podinfoApp, settled } from '../../common/demo-state'
import { memorySink } from '../../server/replay/line-file'
import { RecordingBackend } from '../../server/replay/recording-backend'
import { packageVersion } from '../../server/replay/versions'
import { SimBackend } from '../../server/sim/backend'
import { ManualClock } from '../../server/sim/clock'
import { repoRoot } from '../../server/support/paths'
import { seededRandom } from '../../server/support/seeded-random'

/** When the recorded demo "happened": the simulation's clock starts here. */
export const RECORDED_AT = Date.UTC(2026, 10, 20, 14, 0, 0)
const STEP_MS = 100
const SEED = 20261120
/** The demo repository's place in the recording: the real one is a temporary folder of the machine that recorded. */
const RECORDED_REMOTE = 'file:///ops-demo/remote.git'

/**
 * Runs `run` with every git the demo starts pinned to the simulated clock's date and to no one's own settings.
 * simple-git strips GIT_* variables from the environment of each git it spawns, so the date reaches git through
 * a `git` wrapper first on PATH, which reads it from RECORD_GIT_DATE.
 */
async function withPinnedGit<T>(run: (setDate: (ms: number) => void) => Promise<T>): Promise<T> {
  const realGit = await findOnPath('git')
  const dir = await mkdtemp(join(tmpdir(), 'gitops-record-'))
  const wrapper = join(dir, 'git')
  await writeFile(wrapper, [
    '#!/bin/sh',
    'GIT_AUTHOR_DATE="$RECORD_GIT_DATE" GIT_COMMITTER_DATE="$RECORD_GIT_DATE" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null',
    'export GIT_AUTHOR_DATE GIT_COMMITTER_DATE GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL',
    `exec '${realGit.replaceAll('\'', '\'\\\'\'')}' "$@"`,
    '',
  ].join('\n'), { mode: 0o755 })
  const saved = { path: process.env.PATH, date: process.env.RECORD_GIT_DATE }
  process.env.PATH = `${dir}${delimiter}${saved.path ?? ''}`
  try {
    return await run((ms) => {
      process.env.RECORD_GIT_DATE = `${Math.floor(ms / 1000)} +0000`
    })
  }
  finally {
    process.env.PATH = saved.path
    if (saved.date === undefined)
      delete process.env.RECORD_GIT_DATE
    else
      process.env.RECORD_GIT_DATE = saved.date
    await rm(dir, { recursive: true, force: true })
  }
}

async function findOnPath(command: string): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    }
    catch {}
  }
  throw new Error(`${command} is not on PATH`)
}

export type DemoEvent
  = | { kind: 'state', t: number, state: DemoState }
    | { kind: 'action', t: number, request: ActionRequest }

export interface RecordDemoOptions {
  /** The folder whose apps/ and manifests/ the simulation starts from; default this repository. */
  sourceRoot?: string
  /** Sees every state the simulation produced and every action, as they happen (for tests). */
  observe?: (event: DemoEvent) => void
}

/** Runs the talk's demo on the simulation and returns the recording (JSON Lines). */
export async function recordSimulatedDemo(options: RecordDemoOptions = {}): Promise<string> {
  return withPinnedGit(async (setGitDate) => {
    const clock = new ManualClock(RECORDED_AT)
    setGitDate(clock.now())
    const sim = new SimBackend({
      sourceRoot: options.sourceRoot ?? repoRoot,
      clock,
      random: seededRandom(SEED),
    })
    const sink = memorySink()
    const recorded = new RecordingBackend(sim, {
      sink,
      now: clock.now,
      coalesceMs: 0,
      repoVersion: await packageVersion(),
      mapState: state => ({
        ...state,
        git: { ...state.git, remote: RECORDED_REMOTE },
      }),
    })

    const observe = options.observe
    if (observe) {
      sim.onChange(() => observe({
        kind: 'state',
        t: clock.now() - RECORDED_AT,
        state: sim.getState(),
      }))
    }

    const step = async () => {
      clock.advance(STEP_MS)
      await sim.idle()
    }
    const wait = async (ms: number) => {
      for (let waited = 0; waited < ms; waited += STEP_MS)
        await step()
    }
    const until = async (what: string, test: (state: DemoState) => boolean, limitMs = 120_000) => {
      for (let waited = 0; !test(sim.getState()); waited += STEP_MS) {
        if (waited > limitMs)
          throw new Error(`the recorded demo never reached: ${what}`)
        await step()
      }
    }
    const act = async (request: ActionRequest): Promise<ActionResult> => {
      setGitDate(clock.now())
      observe?.({ kind: 'action', t: clock.now() - RECORDED_AT, request })
      const result = await recorded.perform(request)
      await sim.idle()
      return result
    }

    try {
      await recorded.start()
      observe?.({
        kind: 'state',
        t: clock.now() - RECORDED_AT,
        state: sim.getState(),
      })
      await sim.idle()
      await until('the starting point', settled)
      await wait(2000)
      const startColor = gitColor(sim.getState())

      // Drift: someone changes the colour in the cluster; Argo CD sees it and self-heals.
      await act({ type: 'drift.setColor', color: DEMO_COLORS.drift })
      await until('OutOfSync', state => podinfoApp(state)?.syncStatus === 'OutOfSync')
      await until('healed', state => settled(state) && liveColor(state) === startColor)
      await wait(3000)

      // A commit changes the colour; Argo CD syncs it and the pods roll.
      const commit = await act({ type: 'git.setColor', color: DEMO_COLORS.commit })
      await until('rolled out', state => settled(state) && podinfoApp(state)?.revision === commit.sha && liveColor(state) === DEMO_COLORS.commit)
      await wait(3000)

      // Rollback is a revert: a new commit, synced like any other.
      const revert = await act({ type: 'git.revert' })
      await until('back', state => settled(state) && podinfoApp(state)?.revision === revert.sha && liveColor(state) === startColor)
      await wait(3000)

      // Demo 4: podinfo's namespace deleted; Argo CD rebuilds it from git at the same revision.
      const before = podinfoApp(sim.getState())?.revision
      await act({ type: 'drift.deleteNamespace' })
      await until('the namespace gone', state => state.podinfo.namespace?.phase === 'Gone')
      await until('rebuilt', state => settled(state) && state.podinfo.namespace?.phase === 'Active' && podinfoApp(state)?.revision === before)
      await wait(3000)

      // Q&A: two pushes at once.
      const race = await act({ type: 'git.race', color: DEMO_COLORS.race })
      await until('the race synced', state => settled(state) && podinfoApp(state)?.revision === race.sha)
      await wait(2000)
    }
    finally {
      await recorded.close()
    }
    return sink.text()
  })
}
