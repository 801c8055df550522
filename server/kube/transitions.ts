import type { CoreV1Event } from '@kubernetes/client-node'
import type { ApplicationState } from '../protocol'

const short = (sha: string | undefined) => sha?.slice(0, 7) ?? 'unknown'

/** Timeline lines (source "argocd") for what changed in one Application's status. */
export function describeApplicationChange(before: ApplicationState | undefined, after: ApplicationState): string[] {
  const name = after.name
  if (!before)
    return [`${name}: ${after.syncStatus}, ${after.healthStatus} at ${short(after.revision)}`]
  const lines: string[] = []
  if (after.operation && (after.operation.phase !== before.operation?.phase || after.operation.startedAt !== before.operation?.startedAt)) {
    const what = after.operation.initiatedBy === 'automated'
      ? 'auto-sync'
      : 'sync'
    lines.push(after.operation.phase === 'Running'
      ? `${name}: ${what} started`
      : `${name}: ${what} ${after.operation.phase}${after.operation.message
        ? ` (${after.operation.message})`
        : ''}`)
  }
  if (after.revision !== before.revision)
    lines.push(`${name}: revision ${short(after.revision)}`)
  if (after.syncStatus !== before.syncStatus) {
    lines.push(`${name}: ${after.syncStatus}${after.syncStatus === 'OutOfSync' && after.message
      ? ` (${after.message})`
      : ''}`)
  }
  if (after.healthStatus !== before.healthStatus)
    lines.push(`${name}: health ${after.healthStatus}`)
  return lines
}

/** One Kubernetes Event, as `kubectl get events` would summarise it. */
export function describeEvent(event: CoreV1Event): string {
  const object = event.involvedObject
  const subject = object.kind && object.name
    ? `${object.kind.toLowerCase()}/${object.name}`
    : ''
  const message = event.message ?? ''
  return [
    event.type === 'Warning'
      ? 'Warning'
      : '',
    event.reason ?? '',
    subject,
    message,
  ].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim()
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
