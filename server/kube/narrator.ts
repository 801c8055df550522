// What the room reads about Argo CD: the Applications as the deck shows them, and the timeline events their changes
// make (a summary at the first list, then each transition, Argo CD's self-heal waits and deleted Applications).
import type { CoreV1Event } from '@kubernetes/client-node'
import type { ApplicationState, HealthStatus, TimelineEvent } from '../../common/protocol'
import type { InformerVerb } from './informers'
import type { Application } from './resources'
import { selfHealWait } from './self-heal'
import { mapApplication } from './state-mapper'
import { describeApplicationChange, describeEvent, eventKey } from './transitions'

export class ApplicationNarrator {
  private readonly applications = new Map<string, ApplicationState>()
  private announced = false
  /** Self-heal waits already on the timeline. */
  private readonly announcedWaits = new Set<string>()

  constructor(private readonly podinfoApp: string) {}

  get states(): ApplicationState[] {
    return [
      ...this.applications.values(),
    ]
  }

  get(name: string): ApplicationState | undefined {
    return this.applications.get(name)
  }

  /**
   * The Applications as listed now; returns the events since the last call. `listed`: the first list is complete
   * (before it, nothing is announced). `workloadHealth` stands in for podinfo's health until Argo CD writes one.
   */
  update(apps: readonly Application[], listed: boolean, workloadHealth: HealthStatus | undefined, now = Date.now()): TimelineEvent[] {
    const next = new Map(apps
      .map(app => mapApplication(app, app.metadata?.name === this.podinfoApp
        ? workloadHealth
        : undefined))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(state => [state.name, state]))
    const events: TimelineEvent[] = []
    if (!this.announced && listed) {
      this.announced = true
      const states = [
        ...next.values(),
      ]
      const healthy = states.filter(app => app.syncStatus === 'Synced' && app.healthStatus === 'Healthy').length
      events.push({ kind: 'apps.summary', count: states.length, healthy })
    }
    else if (this.announced) {
      const raw = new Map(apps.map(app => [app.metadata?.name ?? '', app]))
      for (const [name, state] of next) {
        const app = raw.get(name)
        const attempt = (app?.operation ?? app?.status?.operationState?.operation)?.sync?.autoHealAttemptsCount
        events.push(...describeApplicationChange(this.applications.get(name), state, attempt))
        const wait = app && selfHealWait(app, now)
        if (wait && !this.announcedWaits.has(wait.key)) {
          this.announcedWaits.add(wait.key)
          events.push({
            kind: 'app.selfHealBackoff',
            app: name,
            seconds: wait.seconds,
            attempt: wait.attempt,
          })
        }
      }
      for (const name of this.applications.keys()) {
        if (!next.has(name))
          events.push({ kind: 'app.deleted', app: name })
      }
    }
    this.applications.clear()
    for (const [name, state] of next)
      this.applications.set(name, state)
    return events
  }
}

/** Kubernetes Events on the timeline: each once, and only those that happen while the room watches. */
export class EventNarrator {
  private readonly seenKeys = new Set<string>()

  /** The event to show for `event`, if it is news; `listed`: the first list is complete (what it held is history). */
  seen(verb: InformerVerb, event: CoreV1Event, listed: boolean): TimelineEvent | undefined {
    if (verb === 'delete')
      return undefined
    const key = eventKey(event)
    if (this.seenKeys.has(key))
      return undefined
    this.seenKeys.add(key)
    return listed
      ? describeEvent(event)
      : undefined
  }
}
