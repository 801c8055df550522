import type { CoreV1Event } from '@kubernetes/client-node'
import type { ApplicationState, Operation, TimelineEvent } from '../../common/protocol'
import { revisionKey } from './application-state'

/** What the narrator knows beyond the two states. */
export interface ChangeContext {
  /** The attempt of a running self-heal (its `autoHealAttemptsCount`). */
  selfHealAttempt?: number
  /** The resources that differ from git ("Deployment podinfo/podinfo"), when Argo CD lists any. */
  drifted?: readonly string[]
  /** The revisions last shown, for when `before` has none (Argo CD could not compare meanwhile). */
  lastRevision?: string
}

/** Argo CD's message of a failed attempt it retries ends "…. Retrying attempt #N at 3:04PM." (ctl 1589): the deck says when. */
const RETRY_SUFFIX = /\. Retrying attempt #\d+ at [^.]*\.$/

/** A new operation, or one that moved on: started, ended, or terminating. */
function operationEvents(app: string, before: Operation | undefined, after: Operation | undefined, sha: string | undefined, context: ChangeContext): TimelineEvent[] {
  if (!after)
    return []
  const dryRun = after.dryRun
    ? { dryRun: true }
    : {}
  // A requested operation (no startedAt yet) that the controller picks up is the same operation.
  const another = before?.startedAt !== undefined && after.startedAt !== undefined && before.startedAt !== after.startedAt
  if (after.phase !== before?.phase || another) {
    switch (after.phase) {
      case 'Running': {
        const initiatedBy = after.initiatedBy ?? 'unknown'
        return [
          {
            kind: 'app.syncStarted',
            app,
            initiatedBy,
            attempt: initiatedBy === 'self-heal'
              ? context.selfHealAttempt
              : undefined,
            ...dryRun,
          },
        ]
      }
      case 'Succeeded':
        return [
          {
            kind: 'app.syncSucceeded',
            app,
            sha,
            ...dryRun,
          },
        ]
      case 'Failed':
      case 'Error':
        return [
          {
            kind: 'app.syncFailed',
            app,
            reason: after.message || after.phase,
            ...dryRun,
          },
        ]
      case 'Terminating':
        return [
          { kind: 'app.operation', app, phase: 'Terminating' },
        ]
    }
  }
  // Retries keep the phase Running (ctl 1578-1591): a failed attempt sets finishedAt and counts; a retry clears finishedAt.
  const retry = after.retry
  if (after.phase !== 'Running' || !retry)
    return []
  const limit = retry.limit === undefined
    ? {}
    : { limit: retry.limit }
  if (after.finishedAt && retry.count > (before?.retry?.count ?? 0)) {
    const seconds = retry.nextAt
      ? Math.round((Date.parse(retry.nextAt) - Date.parse(after.finishedAt)) / 1000)
      : 0
    return [
      {
        kind: 'app.syncRetrying',
        app,
        retry: retry.count,
        ...limit,
        seconds,
        reason: (after.message ?? '').replace(RETRY_SUFFIX, '') || after.phase,
      },
    ]
  }
  if (!after.finishedAt && before?.finishedAt) {
    return [
      {
        kind: 'app.syncRetryStarted',
        app,
        retry: retry.count,
        ...limit,
      },
    ]
  }
  return []
}

/**
 * Timeline events (source "argocd") for what changed in one Application's status, in the order it happened: a new
 * revision and OutOfSync before the operation they started (Argo CD writes the operation first, but it acts on the
 * comparison), then the operation, then Synced or Unknown and health.
 */
export function describeApplicationChange(before: ApplicationState | undefined, after: ApplicationState, context: ChangeContext = {}): TimelineEvent[] {
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
  if (after.deleting && !before.deleting)
    events.push({ kind: 'app.deleting', app })
  const revision = revisionKey(after)
  if (after.revision && revision !== (revisionKey(before) ?? context.lastRevision)) {
    events.push({
      kind: 'app.revision',
      app,
      sha: after.revision,
      path: after.sourcePath,
      ...((after.revisions?.length ?? 0) > 1
        ? { more: after.revisions!.length - 1 }
        : {}),
    })
  }
  const changedSync = after.syncStatus !== before.syncStatus
  if (changedSync && after.syncStatus === 'OutOfSync') {
    events.push(context.drifted?.length
      ? {
          kind: 'app.outOfSync',
          app,
          resources: [...context.drifted],
        }
      : { kind: 'app.outOfSync', app, reason: after.message })
  }
  events.push(...operationEvents(app, before.operation, after.operation, after.revision, context))
  if (changedSync && after.syncStatus !== 'OutOfSync') {
    events.push(after.syncStatus === 'Synced'
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
