export type Cancel = () => void

/** The simulation's time source. Delays are in simulated milliseconds. */
export interface Clock {
  /** Simulated epoch milliseconds. */
  now: () => number
  setTimeout: (callback: () => void, delayMs: number) => Cancel
}

/** Real time sped up `speed` times; at speed 1 it is the wall clock. */
export function createScaledClock(speed = 1): Clock {
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`speed must be a positive number, got ${speed}`)
  const startedAt = Date.now()
  return {
    now: () => startedAt + (Date.now() - startedAt) * speed,
    setTimeout: (callback, delayMs) => {
      const handle = setTimeout(callback, Math.max(0, delayMs) / speed)
      return () => clearTimeout(handle)
    },
  }
}

/** A clock that only moves when told to: for unit tests of the models. */
export class ManualClock implements Clock {
  private current: number
  private queue: { at: number, seq: number, callback: () => void }[] = []
  private seq = 0

  constructor(start = Date.UTC(2026, 10, 20, 14, 0, 0)) {
    this.current = start
  }

  now = (): number => this.current

  setTimeout = (callback: () => void, delayMs: number): Cancel => {
    const entry = { at: this.current + Math.max(0, delayMs), seq: this.seq++, callback }
    this.queue.push(entry)
    return () => {
      this.queue = this.queue.filter(other => other !== entry)
    }
  }

  /** Runs every timer due within `ms`, in time order, including timers they schedule. */
  advance(ms: number): void {
    const until = this.current + ms
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq)
      const next = this.queue[0]
      if (!next || next.at > until)
        break
      this.queue.shift()
      this.current = next.at
      next.callback()
    }
    this.current = until
  }
}

/** The clock's moment as an ISO timestamp, as Argo CD writes its times. */
export function isoNow(clock: Pick<Clock, 'now'>): string {
  return new Date(clock.now()).toISOString()
}
