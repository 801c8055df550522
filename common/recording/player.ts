// Plays a recording: the frames at their recorded pace, and the presenter's actions answered from what was
// recorded. Browser-safe: the node replay backend wraps it, and the static deck runs it with no server.
import type { ActionRequest, ActionResult, DemoState, ReplayInfo } from '../protocol'
import type { RecordedAction, Recording } from './parse'
import { describeAction, sameAction } from './match'
import { asReplayState, replayInfo } from './replay-state'

export interface PlayerTimers {
  setTimeout: (callback: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

const globalTimers: PlayerTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: handle => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
}

export interface ReplayPlayerOptions {
  /** The recording's name as the state shows it (a file name, never a path). */
  name: string
  /** 2 plays twice as fast; default 1, the recorded pace. */
  speed?: number
  /** The longest real wait between two frames (ms), so a talk's pauses need not be sat through; default none. */
  maxWaitMs?: number
  timers?: PlayerTimers
}

export type PlayerChange = 'frame' | 'transport'

interface PendingAck {
  handle: unknown
  settle: () => void
}

export class ReplayPlayer {
  private cursor = 0
  /** Where playback is in recorded time (ms since the recording started). */
  private at = 0
  private stopAt = 0
  private timer: unknown
  private lastMatched: number | undefined
  private readonly listeners = new Set<(change: PlayerChange) => void>()
  private readonly pendingAcks = new Set<PendingAck>()
  private readonly info: ReplayInfo
  private readonly speed: number
  private readonly timers: PlayerTimers

  constructor(readonly recording: Recording, private readonly options: ReplayPlayerOptions) {
    const speed = options.speed ?? 1
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new Error(`the replay speed must be a positive number, got ${speed}`)
    this.speed = speed
    this.timers = options.timers ?? globalTimers
    this.info = replayInfo(recording, options.name)
    this.at = recording.frames[0]!.t
  }

  /** The index of the frame shown. */
  get frame(): number {
    return this.cursor
  }

  get frameCount(): number {
    return this.recording.frames.length
  }

  get playing(): boolean {
    return this.timer !== undefined
  }

  /** The actions this recording can answer, in recorded order. */
  get chapters(): RecordedAction[] {
    return this.recording.actions.filter(action => action.ack)
  }

  state(): DemoState {
    return asReplayState(this.recording.frames[this.cursor]!.state, this.info, this.speed)
  }

  /** `frame`: another state is shown; `transport`: playing started or stopped. */
  onChange(listener: (change: PlayerChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The opening: the first frame, then what followed by itself until the first action. */
  start(): void {
    this.stopTimer()
    this.cursor = 0
    this.at = this.recording.frames[0]!.t
    this.emit('frame')
    this.playTo(this.segmentEnd(-1))
  }

  /** Plays on from the frame shown to the end of the recording, actions included. */
  play(): void {
    if (this.cursor >= this.lastFrame)
      this.show(0, this.recording.frames[0]!.t)
    this.at = this.recording.frames[this.cursor]!.t
    this.playTo(this.lastFrame)
  }

  pause(): void {
    if (!this.playing)
      return
    this.stopTimer()
    this.emit('transport')
  }

  /** One frame on, paused. */
  step(): void {
    this.pause()
    if (this.cursor < this.lastFrame)
      this.show(this.cursor + 1, this.recording.frames[this.cursor + 1]!.t)
  }

  seek(frame: number): void {
    this.pause()
    const target = Math.min(Math.max(0, Math.trunc(frame)), this.lastFrame)
    this.show(target, this.recording.frames[target]!.t)
  }

  /**
   * The recorded result of the same action: the state just before it was pressed, then what followed, at the
   * recorded pace; the answer comes when it came then. An action the recording does not hold is refused.
   */
  perform(request: ActionRequest): Promise<ActionResult> {
    const index = this.find(request)
    const action = index === undefined
      ? undefined
      : this.recording.actions[index]
    if (index === undefined || !action?.ack)
      return Promise.reject(new Error(`not in this recording: ${describeAction(request)} (it holds: ${this.holds()})`))
    const was = this.playing
    this.stopTimer()
    this.lastMatched = index
    const before = Math.max(0, action.frame - 1)
    this.show(before, action.t)
    this.playTo(this.segmentEnd(index))
    if (was && !this.playing)
      this.emit('transport')
    const { response } = action.ack
    return new Promise<ActionResult>((resolve, reject) => {
      const pending: PendingAck = {
        handle: undefined,
        settle: () => {
          this.pendingAcks.delete(pending)
          if (response.ok) {
            const { ok: _ok, ...result } = response
            resolve(result)
          }
          else {
            reject(new Error(response.error))
          }
        },
      }
      this.pendingAcks.add(pending)
      pending.handle = this.timers.setTimeout(pending.settle, this.wait(action.ack!.t - action.t))
    })
  }

  /** Stops playing; an action still waiting for its recorded answer gets it now. */
  close(): void {
    this.stopTimer()
    for (const pending of [...this.pendingAcks]) {
      this.timers.clearTimeout(pending.handle)
      pending.settle()
    }
    this.listeners.clear()
  }

  private get lastFrame(): number {
    return this.recording.frames.length - 1
  }

  /** The last frame before the action after `index` (-1: the opening), or the recording's last frame. */
  private segmentEnd(index: number): number {
    const next = this.recording.actions[index + 1]
    const from = index >= 0
      ? Math.max(0, this.recording.actions[index]!.frame - 1)
      : 0
    return next
      ? Math.max(from, next.frame - 1)
      : this.lastFrame
  }

  /** The next recorded action of the same kind, looking forward from where the replay is, then from the start. */
  private find(request: ActionRequest): number | undefined {
    const actions = this.recording.actions
    const from = this.nextActionIndex()
    for (let offset = 0; offset < actions.length; offset++) {
      const index = (from + offset) % actions.length
      const action = actions[index]!
      if (action.ack && sameAction(action.request, request))
        return index
    }
    return undefined
  }

  /** While an action's result plays, the one after it; otherwise the first one ahead of the frame shown. */
  private nextActionIndex(): number {
    const actions = this.recording.actions
    const matched = this.lastMatched
    if (matched !== undefined && this.cursor >= Math.max(0, actions[matched]!.frame - 1) && this.cursor <= this.segmentEnd(matched))
      return matched + 1
    const ahead = actions.findIndex(action => action.frame > this.cursor)
    return ahead === -1
      ? 0
      : ahead
  }

  private holds(): string {
    const names = [
      ...new Set(this.chapters.map(action => describeAction(action.request))),
    ]
    return names.length > 0
      ? names.join(', ')
      : 'no actions'
  }

  private playTo(end: number): void {
    const was = this.playing
    this.stopAt = end
    this.scheduleNext()
    if (was !== this.playing)
      this.emit('transport')
  }

  private scheduleNext(): void {
    this.stopTimer()
    if (this.cursor >= this.stopAt)
      return
    const next = this.cursor + 1
    const frame = this.recording.frames[next]!
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined
      this.show(next, frame.t)
      this.scheduleNext()
      if (!this.playing)
        this.emit('transport')
    }, this.wait(frame.t - this.at))
  }

  private wait(recordedMs: number): number {
    return Math.min(Math.max(0, recordedMs) / this.speed, this.options.maxWaitMs ?? Infinity)
  }

  private show(frame: number, at: number): void {
    const moved = frame !== this.cursor
    this.cursor = frame
    this.at = at
    if (moved)
      this.emit('frame')
  }

  private stopTimer(): void {
    if (this.timer !== undefined)
      this.timers.clearTimeout(this.timer)
    this.timer = undefined
  }

  private emit(change: PlayerChange): void {
    for (const listener of this.listeners)
      listener(change)
  }
}
