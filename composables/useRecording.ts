import type { ActionResponse, DemoState, PresenterRequest } from '../common/protocol'
import type { RecordedAction } from '../common/recording/parse'
import type { ReplayPlayer } from '../common/recording/player'
import { ref, shallowRef } from 'vue'
// The demo without a demo server (the static deck): the shipped recording played in the browser by the same
// player the replay backend uses. useDemo() switches to it; components never import this file themselves.
import { errorMessage } from '../common/text'

export type DemoSource = 'server' | 'recording'

/** A talk's pauses are not worth sitting through on a static site: no wait between two frames is longer. */
export const MAX_WAIT_MS = 3000
export const RECORDING_NAME = 'demo.jsonl'

/**
 * Where the demo state comes from: the static build (`npm run build`) plays the recording, `npm run dev` talks to
 * its demo server. `?demo=recording` or `?demo=server` in the URL, or VITE_DEMO_SOURCE at build time, choose.
 */
export function demoSource(): DemoSource {
  const asked = typeof location === 'undefined'
    ? null
    : new URLSearchParams(location.search).get('demo')
  if (asked === 'recording' || asked === 'server')
    return asked
  const configured: unknown = import.meta.env.VITE_DEMO_SOURCE
  if (configured === 'recording' || configured === 'server')
    return configured
  // Slidev's own flag, not Vite's PROD: a build run with NODE_ENV=test (a child of vitest) is still a static deck.
  return __DEV__
    ? 'server'
    : 'recording'
}

const state = shallowRef<DemoState>()
const lastFrameAt = ref<number>()
const error = ref<string>()
const frame = ref(0)
const frameCount = ref(0)
const playing = ref(false)
const chapters = shallowRef<RecordedAction[]>([])
let player: ReplayPlayer | undefined
let loading: Promise<ReplayPlayer | undefined> | undefined

async function load(): Promise<ReplayPlayer> {
  // Loaded on first use only: a deck that talks to a server never downloads the recording or the player.
  const [{ parseRecording }, { ReplayPlayer }, { default: text }] = await Promise.all([
    import('../common/recording/parse'),
    import('../common/recording/player'),
    import('../recordings/demo.jsonl?raw'),
  ])
  const created = new ReplayPlayer(parseRecording(text), { name: RECORDING_NAME, maxWaitMs: MAX_WAIT_MS })
  const sync = () => {
    state.value = created.state()
    frame.value = created.frame
    playing.value = created.playing
    lastFrameAt.value = Date.now()
  }
  created.onChange(sync)
  frameCount.value = created.frameCount
  chapters.value = created.chapters
  player = created
  created.start()
  sync()
  return created
}

/** Loads and starts the recording once per page; later calls share it. */
export function useRecording(): Promise<ReplayPlayer | undefined> {
  loading ??= load().catch((failure: unknown) => {
    error.value = `the recording cannot be played: ${errorMessage(failure)}`
    return undefined
  })
  return loading
}

/** What an action does here: what it did when the recording was made. */
export async function actOnRecording(request: PresenterRequest): Promise<ActionResponse> {
  if (request.type === 'replay.start' || request.type === 'replay.stop')
    return { ok: false, error: 'this deck already plays a recording' }
  const ready = player ?? await useRecording()
  if (!ready)
    return { ok: false, error: error.value ?? 'the recording is not loaded' }
  try {
    return {
      ok: true,
      ...await ready.perform(request),
    }
  }
  catch (failure) {
    return {
      ok: false,
      error: errorMessage(failure),
    }
  }
}

/** The static deck's transport controls: play the recording as a film, pause, step, seek, start over. */
export const recordingControls = {
  frame,
  frameCount,
  playing,
  /** The recorded actions, in order: what a reader can press, and where each starts. */
  chapters,
  play: () => player?.play(),
  pause: () => player?.pause(),
  step: () => player?.step(),
  seek: (index: number) => player?.seek(index),
  restart: () => player?.start(),
}

export const recording = { state, lastFrameAt, error }
