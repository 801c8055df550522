import type { TimelineEntry, TimelineEvent, TimelineSource } from '../../common/protocol'
import { TIMELINE_LIMIT } from '../../common/protocol'

export class Timeline {
  private entries: TimelineEntry[] = []

  /** `now` in epoch milliseconds: the simulation's clock (scaled or manual), or the wall clock for a real cluster. */
  constructor(private readonly now: () => number = Date.now, private readonly limit = TIMELINE_LIMIT) {}

  add(source: TimelineSource, event: TimelineEvent): void {
    this.entries.push({
      at: new Date(this.now()).toISOString(),
      source,
      ...event,
    })
    if (this.entries.length > this.limit)
      this.entries.splice(0, this.entries.length - this.limit)
  }

  list(): TimelineEntry[] {
    return [...this.entries]
  }
}
