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
    const now = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perSecond / 1000)
    this.last = now
    if (this.tokens < 1)
      return false
    this.tokens -= 1
    return true
  }
}
