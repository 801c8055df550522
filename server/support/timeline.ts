import type { TimelineEntry, TimelineEvent, TimelineSource } from '../../common/protocol'
import type { Clock } from '../sim/clock'
import { TIMELINE_LIMIT } from '../../common/protocol'

export class Timeline {
  private entries: TimelineEntry[] = []

  constructor(private readonly clock: Clock, private readonly limit = TIMELINE_LIMIT) {}

  add(source: TimelineSource, event: TimelineEvent): void {
    this.entries.push({
      at: new Date(this.clock.now()).toISOString(),
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
