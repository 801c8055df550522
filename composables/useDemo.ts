// The components' only door to the demo server: one socket.io connection per window, shared by every
// component, opened only where a slide is really shown, never in print/export. Without a demo server (the static
// deck) the same door plays the shipped recording in the browser (composables/useRecording.ts).
import type { Socket } from 'socket.io-client'
import type { ComputedRef, InjectionKey, MaybeRefOrGetter, Ref } from 'vue'
import type { ActionResponse, ClientToServerEvents, DemoState, PresenterRequest, QuestionBoard, QuestionResponse, ServerToClientEvents } from '../common/protocol'
import { useNav, useSlideContext } from '@slidev/client'
import { createSharedComposable } from '@vueuse/core'
import { io } from 'socket.io-client'
import { computed, getCurrentInstance, getCurrentScope, inject, onScopeDispose, provide, ref, shallowRef, toValue } from 'vue'
import { QuestionFollower } from '../common/question-follower'
import { StateFollower } from '../common/state-follower'
import { phoneId } from '../logic/phoneId'
import { printState } from '../logic/printState'
import { usePhoneView } from './usePhoneView'
import { actOnRecording, demoSource, recording, recordingControls, useRecording } from './useRecording'

/** `recording`: no server, the shipped recording plays in this window. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'print' | 'recording'
type DemoSocket = Socket<ServerToClientEvents, ClientToServerEvents>

const ACK_TIMEOUT_MS = 20_000
const TOKEN_ROUTE = '/__demo/token'

const liveState = shallowRef<DemoState>()
const link = ref<Exclude<LinkState, 'print'>>('connecting')
const linkError = ref<string>()
const lastStateAt = ref<number>()
const token = ref<string>()
const pending = ref(0)
const questionBoard = shallowRef<QuestionBoard>()
let socket: DemoSocket | undefined
const source = demoSource()

async function fetchPresenterToken(): Promise<string | undefined> {
  try {
    const response = await fetch(TOKEN_ROUTE, { cache: 'no-store' })
    if (!response.ok)
      return undefined
    const body = await response.json() as { token?: unknown }
    return typeof body.token === 'string'
      ? body.token
      : undefined
  }
  catch {
    return undefined
  }
}

function openSocket(presenter: boolean) {
  const created: DemoSocket = io({
    autoConnect: false,
    // The phone's own id: one vote per phone and question (the presenter's windows send one too; it costs nothing).
    auth: cb => cb({
      token: token.value,
      phone: phoneId(),
    }),
  })
  created.on('connect', () => {
    link.value = 'connected'
    linkError.value = undefined
  })
  created.on('disconnect', () => link.value = 'reconnecting')
  created.on('connect_error', (error) => {
    link.value = 'reconnecting'
    linkError.value = error.message
  })
  // The whole state on connect, then numbered patches; a gap or a patch that does not apply asks for the whole state.
  const follower = new StateFollower(created)
  follower.onState(() => {
    const state = follower.state
    if (!state) {
      linkError.value = follower.problem
      return
    }
    liveState.value = state
    lastStateAt.value = Date.now()
  })
  new QuestionFollower(created).onBoard(board => questionBoard.value = board)
  if (presenter)
    void fetchPresenterToken().then((value) => { token.value = value }).finally(() => created.connect())
  else
    created.connect()
  return created
}

/** One connection per window, whatever number of live components hold it; closed when the last one goes. */
const useConnection = createSharedComposable((presenter: boolean) => {
  if (source === 'recording') {
    void useRecording()
    return
  }
  const opened = openSocket(presenter)
  socket = opened
  onScopeDispose(() => {
    opened.disconnect()
    if (socket === opened)
      socket = undefined
    link.value = 'connecting'
    questionBoard.value = undefined
  })
})

/**
 * For what lives beside the slides rather than on one (the question layer, the phone view): keeps this window's
 * connection open while the caller's scope lives; never in print or without a demo server.
 */
export function holdDemoConnection(): void {
  const { isPrintMode, isPresenter } = useNav()
  if (!isPrintMode.value && source !== 'recording' && getCurrentScope())
    useConnection(isPresenter.value)
}

/** The Q&A board as this window follows it; undefined until the server sent it (and without a demo server). */
export const questions = {
  board: questionBoard,
  /** Sends `ask`, `vote` or (presenter only) `moderate`; resolves with the answer, or an error in the same shape. */
  async send<E extends 'ask' | 'vote' | 'moderate'>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<QuestionResponse> {
    if (!socket?.connected)
      return { ok: false, error: 'not connected to the demo server', problem: 'invalid' }
    try {
      const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck: (event: E, payload: unknown) => Promise<QuestionResponse> }
      return await timed.emitWithAck(event, payload)
    }
    catch {
      return { ok: false, error: `no answer from the demo server within ${ACK_TIMEOUT_MS / 1000} s`, problem: 'invalid' }
    }
  },
  /** Whether this window holds the presenter's token (and may moderate). */
  presenter: computed(() => link.value === 'connected' && Boolean(token.value)),
}

/** Sends one action; resolves with the server's ack, or an error the presenter can read. */
async function send(request: PresenterRequest): Promise<ActionResponse> {
  if (!socket?.connected)
    return { ok: false, error: 'not connected to the demo server' }
  pending.value += 1
  try {
    return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('action', request)
  }
  catch {
    return { ok: false, error: `no answer from the demo server within ${ACK_TIMEOUT_MS / 1000} s` }
  }
  finally {
    pending.value -= 1
  }
}

const fixedStateKey: InjectionKey<() => DemoState> = Symbol('a fixed demo state')

/**
 * The components below this one show `state` (a handout frame from a recording) instead of the demo: they
 * connect nowhere and act on nothing, as in print.
 */
export function provideDemoState(state: MaybeRefOrGetter<DemoState>): void {
  provide(fixedStateKey, () => toValue(state))
}

/**
 * `value` while `shown`; else what it was when last shown (or at mount), without following it. Slidev keeps
 * neighbouring slides and the presenter's previews mounted: they stay frozen instead of re-rendering on every
 * state, and catch up in the very render that shows them, so no old state flashes.
 */
function whileShown<T>(shown: Ref<boolean>, value: () => T): ComputedRef<T> {
  let last = value()
  return computed(() => shown.value
    ? last = value()
    : last)
}

export function useDemo() {
  const { isPrintMode: inPrint, isPresenter, currentSlideNo } = useNav()
  const { $renderContext, $page } = useSlideContext()
  const fixedState = getCurrentInstance()
    ? inject(fixedStateKey, undefined)
    : undefined
  const isPrintMode = computed(() => inPrint.value || fixedState !== undefined)
  // A slide is mounted several times (slide, presenter, next-slide preview, overview): only the real
  // slide and the presenter's current slide connect and act, or a click would run twice.
  const isActive = computed(() => !isPrintMode.value && ($renderContext.value === 'slide' || $renderContext.value === 'presenter'))

  // The phone view mounts one copy, the presenter's current slide, outside Slidev's own slide routes.
  const onPhone = usePhoneView()
  /** This copy is the slide on screen: the audience's, the presenter's current slide, or the phone's. */
  const isShown = computed(() => onPhone || (isActive.value && $page.value === currentSlideNo.value))

  if (isActive.value && getCurrentScope())
    useConnection(isPresenter.value)

  const fromRecording = source === 'recording'
  const followed = whileShown(isShown, () => fromRecording
    ? recording.state.value
    : liveState.value)
  const state = computed<DemoState | undefined>(() => {
    if (isPrintMode.value)
      return fixedState?.() ?? printState
    return followed.value
  })
  const linkState = computed<LinkState>(() => {
    if (isPrintMode.value)
      return 'print'
    if (fromRecording)
      return recording.state.value ? 'recording' : 'connecting'
    return link.value
  })
  // The static deck has no presenter: whoever reads it presses the buttons, and gets what was recorded.
  const canAct = computed(() => isActive.value && (fromRecording
    ? Boolean(recording.state.value)
    : link.value === 'connected' && Boolean(token.value)))
  const readOnlyReason = computed(() => {
    if (isPrintMode.value)
      return 'handout'
    if (!isActive.value)
      return 'preview'
    if (fromRecording)
      return recording.state.value ? undefined : 'offline'
    if (link.value !== 'connected')
      return 'offline'
    return token.value ? undefined : 'viewer'
  })

  async function act(request: PresenterRequest): Promise<ActionResponse> {
    if (!canAct.value)
      return { ok: false, error: `read-only: ${readOnlyReason.value ?? 'not allowed'}` }
    if (fromRecording) {
      pending.value += 1
      return actOnRecording(request).finally(() => {
        pending.value -= 1
      })
    }
    return send(request)
  }

  return {
    state,
    linkState,
    linkError: fromRecording ? recording.error : linkError,
    lastStateAt: whileShown(isShown, () => fromRecording
      ? recording.lastFrameAt.value
      : lastStateAt.value),
    canAct,
    readOnlyReason,
    /** This copy is the one on screen (it follows the state only then). */
    shown: isShown,
    busy: computed(() => pending.value > 0),
    act,
    /** Where the state comes from: the demo server, or the recording played in this window. */
    source,
    /** Play, pause, step and seek the recording (static deck only). */
    player: fromRecording ? recordingControls : undefined,
  }
}
