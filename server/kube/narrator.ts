// What the room reads about Argo CD: the Applications as the deck shows them, and the timeline events their changes
// make (a summary at the first list, then each transition, Argo CD's self-heal waits and deleted Applications).
import type { CoreV1Event } from '@kubernetes/client-node'
import type { ApplicationState, HealthStatus, TimelineEvent } from '../../common/protocol'
import type { InformerVerb } from './informers'
import type { Application } from './resources'
import { driftedResources, mapApplication, revisionKey } from './application-state'
import { selfHealWait } from './self-heal'
import { describeApplicationChange, describeEvent, eventKey } from './transitions'

/** What the narrator remembers of one Application between updates. */
interface Memory {
  /** The comparison Argo CD last wrote (see `comparisonOf`). */
  comparison: string
  /** The comparison when an automated operation was first seen requested: until another is written, that is pending. */
  requestedAt?: string
  /** The last ended operation (its start) and the comparison when it was first seen ended. */
  ended?: { key: string, comparison: string }
  /** The self-heal wait on the timeline now. */
  wait?: string
  /** The revisions last shown (none while Argo CD cannot compare). */
  revision?: string
}

const endedPhases = new Set(['Succeeded', 'Failed', 'Error'])

/**
 * What a comparison writes (persistAppStatus, controller/appcontroller.go 2176-2224): sync status and revisions, the
 * resources' statuses, and reconciledAt for a full one. A change means Argo CD wrote a new comparison.
 */
function comparisonOf(app: Application): string {
  const status = app.status
  return JSON.stringify([
    status?.sync?.status,
    status?.sync?.revision,
    status?.sync?.revisions,
    status?.reconciledAt,
    status?.resources?.map(resource => [
      resource.kind,
      resource.namespace,
      resource.name,
      resource.status,
    ]),
  ])
}

/**
 * Whether the OutOfSync now was compared after the last operation ended. Argo CD writes an operation's end
 * (ctl 1602) before the refresh it asks for (ctl 1604-1620), so right after a self-heal the stored status still says
 * OutOfSync. reconciledAt alone cannot tell: a refresh for a changed resource does not bump it (ctl 1932).
 */
function comparedSinceEnd(app: Application, memory: Memory): boolean {
  const state = app.status?.operationState
  if (!memory.ended)
    return false
  const reconciled = Date.parse(app.status?.reconciledAt ?? '')
  return memory.comparison !== memory.ended.comparison || reconciled > Date.parse(state?.finishedAt ?? '')
}

export class ApplicationNarrator {
  private readonly applications = new Map<string, ApplicationState>()
  private readonly memories = new Map<string, Memory>()
  private announced = false

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
    const seen = [...apps].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
    const next = new Map<string, ApplicationState>()
    const events: TimelineEvent[] = []
    const announcing = this.announced
    for (const app of seen) {
      const name = app.metadata?.name ?? ''
      const memory = this.remember(app)
      const pending = memory.requestedAt === memory.comparison
        ? app.operation
        : undefined
      const state = mapApplication(app, name === this.podinfoApp
        ? workloadHealth
        : undefined, pending)
      next.set(name, state)
      if (announcing)
        events.push(...this.changes(app, state, memory, pending, now))
      memory.revision = revisionKey(state) ?? memory.revision
    }
    if (!this.announced && listed) {
      this.announced = true
      const states = [
        ...next.values(),
      ]
      const healthy = states.filter(app => app.syncStatus === 'Synced' && app.healthStatus === 'Healthy').length
      events.push({ kind: 'apps.summary', count: states.length, healthy })
    }
    for (const name of this.applications.keys()) {
      if (!next.has(name)) {
        this.memories.delete(name)
        if (announcing)
          events.push({ kind: 'app.deleted', app: name })
      }
    }
    this.applications.clear()
    for (const [name, state] of next)
      this.applications.set(name, state)
    return events
  }

  /** Brings the memory of `app` up to what is stored now. */
  private remember(app: Application): Memory {
    const name = app.metadata?.name ?? ''
    const comparison = comparisonOf(app)
    const memory = this.memories.get(name) ?? { comparison }
    this.memories.set(name, memory)
    memory.comparison = comparison
    memory.requestedAt = app.operation?.initiatedBy?.automated
      ? memory.requestedAt ?? comparison
      : undefined
    const state = app.status?.operationState
    if (!app.operation && state && endedPhases.has(state.phase ?? '')) {
      const key = state.startedAt ?? ''
      if (memory.ended?.key !== key)
        memory.ended = { key, comparison }
    }
    return memory
  }

  /** The events for one Application since the last update, and a self-heal wait that began. */
  private changes(app: Application, state: ApplicationState, memory: Memory, pending: Application['operation'], now: number): TimelineEvent[] {
    const name = state.name
    const events = describeApplicationChange(this.applications.get(name), state, {
      selfHealAttempt: (app.operation ?? app.status?.operationState?.operation)?.sync?.autoHealAttemptsCount,
      drifted: driftedResources(app, pending),
      lastRevision: memory.revision,
    })
    const wait = comparedSinceEnd(app, memory)
      ? selfHealWait(app, now)
      : undefined
    if (wait && wait.key !== memory.wait) {
      events.push({
        kind: 'app.selfHealBackoff',
        app: name,
        seconds: wait.seconds,
        attempt: wait.attempt,
      })
    }
    memory.wait = wait?.key
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
