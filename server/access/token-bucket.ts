/** A token bucket: `capacity` at once, then `perSecond` on average. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity
    this.last = now()
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    if (!this.ready())
      return false
    this.tokens -= 1
    return true
  }

  /** Whether a token is there, without taking it. */
  ready(): boolean {
    this.refill()
    return this.tokens >= 1
  }

  /** How long until the next token, in whole seconds (0: one is there). */
  secondsUntilNext(): number {
    this.refill()
    return this.tokens >= 1
      ? 0
      : Math.ceil((1 - this.tokens) / this.perSecond)
  }

  private refill(): void {
    const now = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perSecond / 1000)
    this.last = now
  }
}
