import type { ActionResult, ConnectionState, DemoState, PresenterRequest } from '../../common/protocol'
import type { Recording } from '../../common/recording/parse'
import type { PlayerTimers } from '../../common/recording/player'
import type { DemoBackend } from '../backend'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseRecording } from '../../common/recording/parse'
import { ReplayPlayer } from '../../common/recording/player'
import { BackendUnavailableError } from '../backend'
import { ChangeSignal } from '../kit/change-signal'

export interface ReplayBackendOptions {
  /** The name the state shows (the file's name). */
  name: string
  speed?: number
  /** Default: the real timers; tests step a manual clock. */
  timers?: PlayerTimers
}

/** Reads and checks a recording file; a missing or broken file is one line that says which and why. */
export async function readRecording(file: string): Promise<Recording> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  }
  catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new BackendUnavailableError(code === 'ENOENT'
      ? `no recording at ${file}`
      : `cannot read the recording ${file}: ${(error as Error).message}`)
  }
  try {
    return parseRecording(text)
  }
  catch (error) {
    throw new BackendUnavailableError(`${file} is not a usable recording: ${(error as Error).message}`)
  }
}

/**
 * `--backend replay`: a recording served on the same protocol. Its state says `replay` and when it was recorded;
 * the presenter's actions advance it to what the same action did when it was recorded.
 */
export class ReplayBackend implements DemoBackend {
  readonly mode = 'replay' as const
  private readonly changes = new ChangeSignal()
  private readonly player: ReplayPlayer

  constructor(readonly recording: Recording, options: ReplayBackendOptions) {
    this.player = new ReplayPlayer(recording, options)
    this.player.onChange((change) => {
      if (change === 'frame')
        this.changes.emit()
    })
  }

  static async open(file: string, options: Omit<ReplayBackendOptions, 'name'> = {}): Promise<ReplayBackend> {
    return new ReplayBackend(await readRecording(file), {
      ...options,
      name: basename(file),
    })
  }

  async start(): Promise<void> {
    this.player.start()
  }

  getState(): DemoState {
    return this.player.state()
  }

  connection(): ConnectionState {
    return 'connected'
  }

  onChange(listener: () => void): () => void {
    return this.changes.on(listener)
  }

  async perform(request: PresenterRequest): Promise<ActionResult> {
    if (request.type === 'replay.start' || request.type === 'replay.stop')
      throw new Error('this server only replays a recording: there is no live demo to switch to or from')
    return this.player.perform(request)
  }

  async close(): Promise<void> {
    this.player.close()
    this.changes.clear()
  }
}
