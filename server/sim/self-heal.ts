import type { SelfHealBackoff } from '../kit/self-heal'
import type { Cancel, Clock } from './clock'
import { selfHealDelayMs } from '../kit/self-heal'

/**
 * One Application's self-heal: its attempts, the backoff they earn (kit/self-heal.ts) counted from the end of its last
 * operation, and the heal that waits for it.
 */
export class SelfHeal {
  /** Self-heal syncs since a new revision, a manual sync or the demo's reset set it back to 0. */
  attempts = 0
  private lastOperationFinishedAt: number | undefined
  private timer: Cancel | undefined

  constructor(
    private readonly clock: Clock,
    private readonly backoff: SelfHealBackoff,
  ) {}

  /** Calls `heal` once the backoff has passed; the wait, or undefined when a heal waits already. */
  schedule(heal: () => void): number | undefined {
    if (this.timer)
      return undefined
    const sinceLastOperation = this.lastOperationFinishedAt === undefined
      ? Infinity
      : this.clock.now() - this.lastOperationFinishedAt
    const wait = Math.max(0, selfHealDelayMs(this.attempts, this.backoff) - sinceLastOperation)
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined
      heal()
    }, wait)
    return wait
  }

  /** A sync starts: the heal waiting is not needed. */
  cancel(): void {
    this.timer?.()
    this.timer = undefined
  }

  operationFinished(): void {
    this.lastOperationFinishedAt = this.clock.now()
  }
}
