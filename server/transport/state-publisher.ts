import type { DemoState, PatchOperation, StatePatch } from '../../common/protocol'
import { diffStates } from './state-diff'

/** The state as clients see it, after JSON: no undefined fields, no shared objects with the backend. */
function asSent(state: DemoState): DemoState {
  return JSON.parse(JSON.stringify(state)) as DemoState
}

/**
 * The numbered states the server has published. A client gets the whole state once (on connect, on resync),
 * then only what changed: RFC 6902 patches, a few hundred bytes instead of the whole ~17 KB state each time.
 */
export class StatePublisher {
  private current: DemoState
  private number = 0

  constructor(private readonly read: () => DemoState) {
    this.current = asSent(read())
  }

  /** The last published state and its number. */
  get state(): DemoState {
    return this.current
  }

  get seq(): number {
    return this.number
  }

  /** Reads the state again; the patch from the last published one, or undefined when nothing changed. */
  update(): StatePatch | undefined {
    const next = asSent(this.read())
    const ops = diffStates(this.current, next) as PatchOperation[]
    if (ops.length === 0)
      return undefined
    this.current = next
    this.number += 1
    return { seq: this.number, ops }
  }
}
