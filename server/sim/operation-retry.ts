import type { SyncRetry } from '../../common/manifests'
import type { Operation } from '../../common/protocol'
import { automatedSyncRetry, kitchenTime, retriesLeft, syncRetryDelayMs } from '../kit/sync-retry'

export type SyncInitiator = NonNullable<Operation['initiatedBy']>

/** The retry that follows a failed attempt. */
export interface NextRetry {
  /** Its number: retries so far, this one included. */
  count: number
  /** `{ limit }` as Argo CD shows it, `{}` when there is no limit. */
  limit: { limit?: number }
  /** The wait before it starts. */
  delayMs: number
  /** The wait Argo CD's message names: one step less than the real one (it uses the count before it adds one). */
  namedDelayMs: number
}

/**
 * What follows a failed attempt, as Argo CD decides it (controller/appcontroller.go 1578-1600): with retries left the
 * next one, after the backoff; else undefined, the operation fails. The retry is the Application's (`retry`), else the
 * one autoSync gives an automated sync; a manual sync without one is not retried.
 */
export function nextRetry(retry: SyncRetry | undefined, initiatedBy: SyncInitiator, retries: number): NextRetry | undefined {
  const strategy = retry ?? (initiatedBy === 'manual'
    ? undefined
    : automatedSyncRetry)
  const delayMs = retriesLeft(retries, strategy)
    ? syncRetryDelayMs(retries + 1, strategy)
    : undefined
  if (delayMs === undefined)
    return undefined
  return {
    count: retries + 1,
    limit: (strategy?.limit ?? 0) >= 0
      ? { limit: strategy?.limit ?? 0 }
      : {},
    delayMs,
    namedDelayMs: syncRetryDelayMs(retries, strategy) ?? 0,
  }
}

/** The operation while it waits for `next`: still Running, with the failure and when the retry starts. */
export function awaitingRetry(operation: Operation, failure: string, next: NextRetry, now: number): Operation {
  return {
    ...operation,
    message: `${failure}. Retrying attempt #${next.count} at ${kitchenTime(now + next.namedDelayMs)}.`,
    finishedAt: new Date(now).toISOString(),
    retry: {
      count: next.count,
      ...next.limit,
      nextAt: new Date(now + next.delayMs).toISOString(),
    },
  }
}

/** The operation as the retry `next` starts. */
export function retryStarted(operation: Operation, next: NextRetry): Operation {
  const { finishedAt: _finished, ...waiting } = operation
  return {
    ...waiting,
    message: `Retrying operation. Attempt #${next.count}`,
    retry: { count: next.count, ...next.limit },
  }
}

/** The failed operation's message, after `retries` retries. */
export function failedMessage(failure: string, retries: number): string {
  return retries > 0
    ? `${failure} (retried ${retries} times).`
    : failure
}
