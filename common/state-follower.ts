// A client's copy of the demo state: the whole state on connect, RFC 6902 patches after that, numbered; a gap or a
// patch that does not apply asks the server for the whole state again. Browser code uses it too (useDemo).
import type { Operation } from 'rfc6902'
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, DemoState, ServerToClientEvents } from './protocol'
import { applyPatch } from 'rfc6902'
import { demoStateSchema, statePatchSchema } from './protocol'

export class StateFollower {
  private raw: unknown
  private seq: number | undefined
  private copy: DemoState | undefined
  private resyncing = false
  private readonly listeners = new Set<() => void>()
  /** Set when the server sent something this client does not understand. */
  problem: string | undefined

  constructor(private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.on('state', (state, seq) => this.receiveState(state, seq))
    socket.on('patch', patch => this.receivePatch(patch))
  }

  /** The latest state, validated; a new object after every change (made when asked for). */
  get state(): DemoState | undefined {
    if (this.copy === undefined && this.raw !== undefined) {
      const parsed = demoStateSchema.safeParse(this.raw)
      this.problem = parsed.success
        ? undefined
        : 'the demo server sent a state this deck does not understand'
      this.copy = parsed.data
    }
    return this.copy
  }

  /** Called after every change; returns an unsubscribe function. */
  onState(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The next state (the first one, right after connecting). */
  next(): Promise<DemoState> {
    return new Promise((resolve) => {
      const off = this.onState(() => {
        const state = this.state
        if (state) {
          off()
          resolve(state)
        }
      })
    })
  }

  private receiveState(state: unknown, seq: unknown): void {
    this.raw = state
    this.seq = typeof seq === 'number'
      ? seq
      : undefined
    this.resyncing = false
    this.changed()
  }

  private receivePatch(payload: unknown): void {
    if (this.resyncing)
      return
    const patch = statePatchSchema.safeParse(payload)
    if (!patch.success || this.seq === undefined || patch.data.seq !== this.seq + 1 || !this.apply(patch.data.ops as Operation[])) {
      this.resyncing = true
      this.socket.emit('resync')
      return
    }
    this.seq = patch.data.seq
    this.changed()
  }

  /** Applies the operations to a copy: a patch that fails halfway leaves the state as it was. */
  private apply(ops: Operation[]): boolean {
    const next = structuredClone(this.raw)
    if (applyPatch(next, ops).some(result => result !== null))
      return false
    this.raw = next
    return true
  }

  private changed(): void {
    this.copy = undefined
    for (const listener of this.listeners)
      listener()
  }
}
