// Writes a recording line by line: a header, the first state in full, then each change as a JSON patch,
// and every action with its answer. Browser-safe (it only produces lines); the server gives it a file.
import type { ActionRequest, ActionResponse, DemoState } from '../../common/protocol'
import type { RecordingEntry, RecordingHeader } from '../../common/recording/format'
import { createPatch } from 'rfc6902'
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../common/recording/format'

export interface RecorderOptions {
  /** Receives each entry as one line of JSON, without the newline. */
  write: (line: string) => void
  /** Epoch milliseconds; every entry's `t` is counted from the first call. */
  now: () => number
  header: Omit<RecordingHeader, 'kind' | 'format' | 'version' | 'recordedAt'>
}

/** A state as JSON would carry it: no undefined fields, nothing shared with the backend's own objects. */
function snapshot(state: DemoState): DemoState {
  return JSON.parse(JSON.stringify(state)) as DemoState
}

export class Recorder {
  private readonly startedAt: number
  /** The state the file holds so far. */
  private written: DemoState | undefined
  /** The newest state, held until time moves on: states captured at the same moment become one frame. */
  private pending: { t: number, state: DemoState } | undefined
  private nextId = 1

  constructor(private readonly options: RecorderOptions) {
    this.startedAt = options.now()
    this.write({
      kind: 'header',
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      recordedAt: new Date(this.startedAt).toISOString(),
      ...options.header,
    })
  }

  /** Captures the state as it is now. */
  state(state: DemoState): void {
    const t = this.elapsed()
    if (this.pending && this.pending.t !== t)
      this.flush()
    this.pending = {
      t,
      state: snapshot(state),
    }
  }

  /** Writes the held state, if it differs from what the file holds. */
  flush(): void {
    const pending = this.pending
    this.pending = undefined
    if (!pending)
      return
    if (!this.written) {
      this.write({ kind: 'state', t: pending.t, state: pending.state })
    }
    else {
      const patch = createPatch(this.written, pending.state)
      // A state that differs only in when it was sent is not a new frame.
      if (patch.every(operation => operation.path === '/updatedAt'))
        return
      this.write({ kind: 'patch', t: pending.t, patch })
    }
    this.written = pending.state
  }

  /** An action starts: the states captured so far come before it. Returns its id for `ack`. */
  action(request: ActionRequest): number {
    this.flush()
    const id = this.nextId++
    this.write({
      kind: 'action',
      t: this.elapsed(),
      id,
      request,
    })
    return id
  }

  ack(id: number, response: ActionResponse): void {
    this.flush()
    this.write({
      kind: 'ack',
      t: this.elapsed(),
      id,
      response,
    })
  }

  /** The recording closes properly: a reader can tell it from one cut short. */
  end(): void {
    this.flush()
    this.write({
      kind: 'end',
      t: this.elapsed(),
    })
  }

  private elapsed(): number {
    return Math.max(0, this.options.now() - this.startedAt)
  }

  private write(entry: RecordingEntry): void {
    this.options.write(JSON.stringify(entry))
  }
}
