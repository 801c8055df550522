// A client's copy of the demo state: the whole state on connect, RFC 6902 patches after that, numbered; a gap or a
// patch that does not apply asks the server for the whole state again. Browser code uses it too (useDemo).
import type { Operation } from 'rfc6902'
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, DemoState, ServerToClientEvents } from './protocol'
import { applyPatch } from 'rfc6902'
import { statePatchSchema } from './protocol'
import { StateValidator } from './state-validator'

export class StateFollower {
  private raw: unknown
  private seq: number | undefined
  private copy: DemoState | undefined
  private resyncing = false
  private readonly validator = new StateValidator()
  private readonly listeners = new Set<() => void>()
  /** Set when the server sent something this client does not understand. */
  problem: string | undefined

  constructor(private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.on('state', (state, seq) => this.receiveState(state, seq))
    socket.on('patch', patch => this.receivePatch(patch))
  }

  /** The latest state, validated; a new object after every change (made when asked for), sharing the parts it did not change. */
  get state(): DemoState | undefined {
    if (this.copy === undefined && this.raw !== undefined) {
      this.copy = this.validator.validate(this.raw)
      this.problem = this.copy
        ? undefined
        : 'the demo server sent a state this deck does not understand'
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

  /**
   * Applies the operations to a copy: a patch that fails halfway leaves the state as it was. Only the objects on the
   * operations' paths are copied (copy on write): a whole copy of the state cost each viewer more than all the rest.
   */
  private apply(ops: Operation[]): boolean {
    const copied = new Set<object>()
    const next = { raw: this.raw }
    for (const op of ops) {
      copyPath(next, op.path, copied)
      if ('from' in op)
        copyPath(next, op.from, copied)
      if (applyPatch(next.raw, [op])[0] !== null)
        return false
    }
    this.raw = next.raw
    return true
  }

  private changed(): void {
    this.copy = undefined
    for (const listener of this.listeners)
      listener()
  }
}

type Container = Record<string, unknown> | unknown[]

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null
}

/**
 * Replaces every object that `path` goes through, up to the parent of its last token, with a shallow copy of it
 * (once per patch: `copied` holds the copies made), so that changing it leaves the objects before the patch alone.
 */
function copyPath(root: { raw: unknown }, path: string, copied: Set<object>): void {
  let parent: Container = root as unknown as Container
  let key = 'raw'
  for (const token of pointerTokens(path)) {
    const value = (parent as Record<string, unknown>)[key]
    if (!isContainer(value))
      return
    let own = value
    if (!copied.has(value)) {
      own = Array.isArray(value)
        ? value.slice()
        : { ...value }
      copied.add(own)
      ;(parent as Record<string, unknown>)[key] = own
    }
    parent = own
    key = token
  }
}

/** A JSON pointer's tokens (RFC 6901), unescaped: "/a~1b/0" is ["a/b", "0"]. */
function pointerTokens(path: string): string[] {
  return path.split('/').slice(1).map(token => token.includes('~')
    ? token.replaceAll('~1', '/').replaceAll('~0', '~')
    : token)
}
