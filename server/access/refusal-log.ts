import type { Logger } from '../support/logger'

/**
 * Refused actions (busy, read-only, invalid, rate-limited) are counted and summed up in one log line per
 * interval: a flood must not turn into a flood of log lines.
 */
export class RefusalLog {
  private counts = new Map<string, number>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private since = Date.now()

  constructor(private readonly logger: Logger, private readonly intervalMs = 10_000) {}

  /** `what` names what was refused, as a plural noun phrase: "actions while busy". */
  count(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1)
    if (!this.timer) {
      this.since = Date.now()
      this.timer = setTimeout(() => this.flush(), this.intervalMs)
      this.timer.unref()
    }
  }

  /** Writes the summary of what was counted so far, if anything. */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.counts.size === 0)
      return
    const entries = [...this.counts].sort((a, b) => b[1] - a[1])
    const total = entries.reduce((sum, [, count]) => sum + count, 0)
    const seconds = Math.max(1, Math.round((Date.now() - this.since) / 1000))
    const number = (value: number) => value.toLocaleString('en')
    this.counts = new Map()
    this.logger.warn(`refused ${number(total)} in the last ${seconds} s: ${entries.map(([what, count]) => `${number(count)} ${what}`).join(', ')}`)
  }
}
