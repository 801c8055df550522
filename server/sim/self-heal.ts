import type { SelfHealBackoff } from '../kit/self-heal'
import type { Cancel, Clock } from './clock'
import { selfHealDelayMs } from '../kit/self-heal'

/**
 * One Application's self-heal: its attempts, the backoff they earn (kit/self-heal.ts) counted from the end of its last
 * operation (controller/appcontroller.go 2416-2448 selfHealRemainingBackoff), and the refresh that waits it out.
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

  /** What is left of the backoff before the next attempt; 0 or less: it may start now. */
  remainingMs(): number {
    const sinceLastOperation = this.lastOperationFinishedAt === undefined
      ? Infinity
      : this.clock.now() - this.lastOperationFinishedAt
    return selfHealDelayMs(this.attempts, this.backoff) - sinceLastOperation
  }

  /**
   * Calls `refresh` after `ms`, the rest of the backoff (ctl 2317-2321: requestAppRefresh with CompareWithLatest after
   * the remaining time); false when a refresh waits already.
   */
  waitThen(ms: number, refresh: () => void): boolean {
    if (this.timer)
      return false
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined
      refresh()
    }, ms)
    return true
  }

  /** A sync starts: the refresh waiting is not needed. */
  cancel(): void {
    this.timer?.()
    this.timer = undefined
  }

  operationFinished(): void {
    this.lastOperationFinishedAt = this.clock.now()
  }
}
