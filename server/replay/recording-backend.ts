import type { ActionRequest, ActionResult, ConnectionState, DemoState } from '../../common/protocol'
import type { Backend } from '../backend'
import type { LineSink } from './line-file'
import { errorMessage } from '../../common/text'
import { valueWithin } from '../support/deadline'
import { Recorder } from './recorder'

export interface RecordingBackendOptions {
  sink: LineSink
  /** Epoch ms for the entries' times; default the wall clock (the recording script passes its manual clock). */
  now?: () => number
  /** At most one state per this many ms; 0 captures each change as it happens (a manual clock). Default 50. */
  coalesceMs?: number
  repoVersion?: string
  /** How long start() waits for the cluster's Argo CD version. */
  versionTimeoutMs?: number
  /** What the file keeps of a state, e.g. without this machine's temporary paths; default all of it. */
  mapState?: (state: DemoState) => DemoState
}

/** Wraps a live or simulated backend and writes what it shows and what the presenter did to a recording. */
export class RecordingBackend implements Backend {
  private recorder: Recorder | undefined
  private unsubscribe: (() => void) | undefined
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(readonly inner: Backend, private readonly options: RecordingBackendOptions) {}

  get mode(): DemoState['mode'] {
    return this.inner.mode
  }

  async start(): Promise<void> {
    await this.inner.start()
    const mode = this.inner.mode
    if (mode === 'replay')
      throw new Error('a replay is not recorded again')
    const state = this.inner.getState()
    const argoCdVersion = await this.argoCdVersion()
    this.recorder = new Recorder({
      write: line => this.options.sink.write(line),
      now: this.options.now ?? Date.now,
      header: {
        mode,
        cluster: state.cluster.name,
        ...(this.options.repoVersion === undefined
          ? {}
          : { repoVersion: this.options.repoVersion }),
        ...(argoCdVersion === undefined
          ? {}
          : { argoCdVersion }),
      },
    })
    this.capture()
    this.unsubscribe = this.inner.onChange(() => this.changed())
  }

  getState(): DemoState {
    return this.inner.getState()
  }

  connection(): ConnectionState {
    return this.inner.connection()
  }

  onChange(listener: () => void): () => void {
    return this.inner.onChange(listener)
  }

  async perform(request: ActionRequest): Promise<ActionResult> {
    const recorder = this.recorder
    if (!recorder)
      return this.inner.perform(request)
    this.capture()
    const id = recorder.action(request)
    try {
      const result = await this.inner.perform(request)
      this.capture()
      recorder.ack(id, { ok: true, ...result })
      return result
    }
    catch (error) {
      this.capture()
      recorder.ack(id, {
        ok: false,
        error: errorMessage(error),
      })
      throw error
    }
  }

  async argoCdVersion(): Promise<string | undefined> {
    if (!this.inner.argoCdVersion)
      return undefined
    return valueWithin(this.inner.argoCdVersion().catch(() => undefined), this.options.versionTimeoutMs ?? 3000, undefined)
  }

  async close(): Promise<void> {
    clearTimeout(this.timer)
    this.unsubscribe?.()
    if (this.recorder) {
      this.capture()
      this.recorder.end()
      this.recorder = undefined
    }
    this.options.sink.close()
    await this.inner.close()
  }

  private changed(): void {
    const coalesceMs = this.options.coalesceMs ?? 50
    if (coalesceMs <= 0) {
      this.capture()
      return
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      this.capture()
      this.recorder?.flush()
    }, coalesceMs)
  }

  private capture(): void {
    if (!this.recorder)
      return
    const state = this.inner.getState()
    this.recorder.state(this.options.mapState?.(state) ?? state)
  }
}
