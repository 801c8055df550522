import type { ActionResult, ConnectionState, DemoState, PresenterRequest } from '../../common/protocol'
import type { Backend, DemoBackend } from '../backend'
import type { ReplayBackend } from './backend'
import { ChangeSignal } from '../kit/change-signal'

/**
 * The server's backend with the presenter's way out: `replay.start` continues the demo from the latest
 * recording (the live cluster is down), `replay.stop` goes back. Only those two actions switch; a cluster
 * going down or coming back changes the state's `returnTo`, never the mode.
 */
export class SwitchingBackend implements DemoBackend {
  private readonly changes = new ChangeSignal()
  private replay: ReplayBackend | undefined
  private stopListening: (() => void) | undefined
  private unsubscribe: (() => void) | undefined
  private lastPrimaryConnection: ConnectionState | undefined

  /** `openReplay` undefined: this server has no switch (the ack says so). */
  constructor(readonly primary: Backend, private readonly openReplay?: () => Promise<ReplayBackend>) {}

  get mode(): DemoState['mode'] {
    return this.replay?.mode ?? this.primary.mode
  }

  async start(): Promise<void> {
    await this.primary.start()
    this.unsubscribe = this.primary.onChange(() => this.primaryChanged())
  }

  getState(): DemoState {
    if (!this.replay)
      return this.primary.getState()
    const state = this.replay.getState()
    const primary = this.primary.getState()
    return {
      ...state,
      replay: state.replay && {
        ...state.replay,
        returnTo: {
          mode: primary.mode === 'live'
            ? 'live'
            : 'simulated',
          connection: primary.cluster.connection,
          ...(primary.cluster.message === undefined
            ? {}
            : { message: primary.cluster.message }),
        },
      },
    }
  }

  connection(): ConnectionState {
    return (this.replay ?? this.primary).connection()
  }

  onChange(listener: () => void): () => void {
    return this.changes.on(listener)
  }

  async perform(request: PresenterRequest): Promise<ActionResult> {
    switch (request.type) {
      case 'replay.start':
        await this.startReplay()
        return {}
      case 'replay.stop':
        await this.stopReplay()
        return {}
      default:
        return (this.replay ?? this.primary).perform(request)
    }
  }

  async argoCdVersion(): Promise<string | undefined> {
    return this.primary.argoCdVersion?.()
  }

  async close(): Promise<void> {
    this.unsubscribe?.()
    await this.closeReplay()
    this.changes.clear()
    await this.primary.close()
  }

  private async startReplay(): Promise<void> {
    if (this.replay)
      return
    if (!this.openReplay)
      throw new Error('this demo server has no recording to switch to (start it with npm run dev or npm run demo)')
    const replay = await this.openReplay()
    this.replay = replay
    this.lastPrimaryConnection = this.primary.connection()
    this.stopListening = replay.onChange(() => this.emit())
    await replay.start()
    this.emit()
  }

  private async stopReplay(): Promise<void> {
    if (!this.replay)
      throw new Error(`not replaying: the demo is already ${this.primary.mode}`)
    await this.closeReplay()
    this.emit()
  }

  private async closeReplay(): Promise<void> {
    const replay = this.replay
    this.replay = undefined
    this.stopListening?.()
    this.stopListening = undefined
    await replay?.close()
  }

  /** While replaying, the primary's news matters only when its connection changes (the way back opens or closes). */
  private primaryChanged(): void {
    if (!this.replay) {
      this.emit()
      return
    }
    const connection = this.primary.connection()
    if (connection !== this.lastPrimaryConnection) {
      this.lastPrimaryConnection = connection
      this.emit()
    }
  }

  private emit(): void {
    this.changes.emit()
  }
}
