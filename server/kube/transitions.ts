import type { CoreV1Event } from '@kubernetes/client-node'
import type { ApplicationState, TimelineEvent } from '../../common/protocol'

/**
 * Timeline events (source "argocd") for what changed in one Application's status. `selfHealAttempt`:
 * the attempt of a running self-heal (its `autoHealAttemptsCount`).
 */
export function describeApplicationChange(before: ApplicationState | undefined, after: ApplicationState, selfHealAttempt?: number): TimelineEvent[] {
  const app = after.name
  if (!before) {
    return [
      {
        kind: 'app.added',
        app,
        sync: after.syncStatus,
        health: after.healthStatus,
      },
    ]
  }
  const events: TimelineEvent[] = []
  const operation = after.operation
  const previous = before.operation
  // A requested operation (no startedAt yet) that the controller picks up is the same operation.
  const another = previous?.startedAt !== undefined && operation?.startedAt !== undefined && previous.startedAt !== operation.startedAt
  if (operation && (operation.phase !== previous?.phase || another)) {
    if (operation.phase === 'Running') {
      const initiatedBy = operation.initiatedBy ?? 'manual'
      events.push({
        kind: 'app.syncStarted',
        app,
        initiatedBy,
        attempt: initiatedBy === 'self-heal'
          ? selfHealAttempt
          : undefined,
      })
    }
    else if (operation.phase === 'Succeeded') {
      events.push({ kind: 'app.syncSucceeded', app, sha: after.revision })
    }
    else if (operation.phase === 'Failed' || operation.phase === 'Error') {
      events.push({ kind: 'app.syncFailed', app, reason: operation.message ?? operation.phase })
    }
    else {
      events.push({
        kind: 'app.operation',
        app,
        phase: operation.phase,
        reason: operation.message,
      })
    }
  }
  if (after.revision && after.revision !== before.revision) {
    events.push({
      kind: 'app.revision',
      app,
      sha: after.revision,
      path: after.sourcePath,
    })
  }
  if (after.syncStatus !== before.syncStatus) {
    events.push(after.syncStatus === 'OutOfSync'
      ? { kind: 'app.outOfSync', app, reason: after.message }
      : after.syncStatus === 'Synced'
        ? { kind: 'app.synced', app, sha: after.revision }
        : { kind: 'app.syncUnknown', app, reason: after.message })
  }
  if (after.healthStatus !== before.healthStatus)
    events.push({ kind: 'app.health', app, health: after.healthStatus })
  return events
}

/** One Kubernetes Event, as `kubectl get events` shows it: Kubernetes' own reason and message. */
export function describeEvent(event: CoreV1Event): TimelineEvent {
  const object = event.involvedObject
  return {
    kind: 'k8s.event',
    warning: event.type === 'Warning',
    reason: event.reason ?? '',
    object: object.kind && object.name
      ? `${object.kind.toLowerCase()}/${object.name}`
      : '',
    message: (event.message ?? '').replace(/\s+/g, ' ').trim(),
  }
}

/** Identity of an Event occurrence: a repeated Event (count+1) is a new line. */
export function eventKey(event: CoreV1Event): string {
  return `${event.metadata.uid ?? event.metadata.name}:${event.count ?? event.series?.count ?? 1}`
}

export function eventTime(event: CoreV1Event): string | undefined {
  const time = event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata.creationTimestamp
  if (!time)
    return undefined
  return time instanceof Date
    ? time.toISOString()
    : String(time)
}
