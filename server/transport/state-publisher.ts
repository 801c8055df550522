import type { DemoState, PatchOperation, StatePatch } from '../../common/protocol'
import { channel } from 'node:diagnostics_channel'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { diffStates } from './state-diff'

/**
 * What one publish cost, in milliseconds of wall time and of this process's CPU time (the CPU time is what other
 * work on the machine does not change). For benchmarks (bench/server-entry.ts listens); nothing when none listens.
 */
export interface PublishTimings {
  /** The backend's state. */
  read: StepCost
  /** That state as clients see it (the JSON round trip). */
  serialise: StepCost
  /** The patch from the last published state. */
  diff: StepCost
  /** socket.io encodes the patch once and writes it to every connection. */
  send: StepCost
  /** The patch's size as JSON. */
  bytes: number
}

export interface StepCost {
  wallMs: number
  cpuMs: number
}

export const publishTimings = channel('ops-demo:publish')

/** Marks taken only while a benchmark listens. */
function stopwatch(on: boolean) {
  const marks: { wall: number, cpu: number }[] = []
  const mark = () => {
    if (on) {
      const { user, system } = process.cpuUsage()
      marks.push({
        wall: performance.now(),
        cpu: (user + system) / 1000,
      })
    }
  }
  const step = (index: number): StepCost => ({
    wallMs: marks[index + 1]!.wall - marks[index]!.wall,
    cpuMs: marks[index + 1]!.cpu - marks[index]!.cpu,
  })
  return { mark, step }
}

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

  /** Reads the state again and hands the patch from the last published one to `emit`, if anything changed. */
  publish(emit: (patch: StatePatch) => void): void {
    const timed = publishTimings.hasSubscribers
    const watch = stopwatch(timed)
    watch.mark()
    const state = this.read()
    watch.mark()
    const next = asSent(state)
    watch.mark()
    const ops = diffStates(this.current, next) as PatchOperation[]
    watch.mark()
    if (ops.length === 0)
      return
    this.current = next
    this.number += 1
    const patch = { seq: this.number, ops }
    emit(patch)
    watch.mark()
    if (timed) {
      publishTimings.publish({
        read: watch.step(0),
        serialise: watch.step(1),
        diff: watch.step(2),
        send: watch.step(3),
        bytes: JSON.stringify(patch).length,
      } satisfies PublishTimings)
    }
  }
}
