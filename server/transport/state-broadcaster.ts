/**
 * Coalesces change notifications: at most one send per interval, and the last change is
 * always sent (trailing edge), so a burst of changes ends with the final state.
 */
export class StateBroadcaster {
  private timer: ReturnType<typeof setTimeout> | undefined
  private lastSentAt = 0

  constructor(private readonly send: () => void, private readonly intervalMs = 16) {}

  notify(): void {
    if (this.timer)
      return
    const wait = Math.max(0, this.lastSentAt + this.intervalMs - Date.now())
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.lastSentAt = Date.now()
      this.send()
    }, wait)
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}
