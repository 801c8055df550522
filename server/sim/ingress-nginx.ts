import type { Cancel, Clock } from './clock'
import type { SimTimings } from './timings'

/**
 * ingress-nginx writes a new Ingress's status.loadBalancer at its next status tick (status.go: a poll every
 * UpdateInterval from the controller's start; nothing triggers it when an Ingress is created).
 */
export class IngressNginx {
  private readonly startedAt: number
  /** Where in its period the status tick is (it started before the talk: unknown, so drawn). */
  private phase: number | undefined
  private readonly timers = new Set<Cancel>()

  constructor(
    private readonly clock: Clock,
    private readonly timings: SimTimings,
    /** Draws the tick's phase; default Math.random. */
    private readonly random?: () => number,
  ) {
    this.startedAt = clock.now()
  }

  /** Calls `addressed` at the next status tick: the Ingress has its address then. */
  atNextTick(addressed: () => void): void {
    const interval = this.timings.ingressStatusInterval
    this.phase ??= (this.random ?? Math.random)() * interval
    const since = (this.clock.now() - this.startedAt - this.phase) % interval
    const wait = interval - (since < 0
      ? since + interval
      : since)
    const cancel = this.clock.setTimeout(() => {
      this.timers.delete(cancel)
      addressed()
    }, wait)
    this.timers.add(cancel)
  }

  close(): void {
    for (const cancel of this.timers)
      cancel()
  }
}
