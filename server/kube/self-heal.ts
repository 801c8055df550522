import type { SelfHealBackoff } from '../kit/self-heal'
import type { Application } from './resources'
import { argoCdSelfHealBackoff, selfHealDelayMs } from '../kit/self-heal'
import { applicationRevisions, revisionKey } from './application-state'

export interface SelfHealWait {
  /** Whole seconds still to wait. */
  seconds: number
  /** The attempt that follows the wait. */
  attempt: number
  /** Identifies this wait: the last operation it is measured from. */
  key: string
}

/**
 * What Argo CD 3.x's autoSync does with an OutOfSync app whose last sync already went to the revision
 * it wants (controller/appcontroller.go autoSync and selfHealRemainingBackoff): it waits
 * backoff(autoHealAttemptsCount) after the last operation finished before it self-heals again.
 * Undefined when it does not wait (no self-heal, not OutOfSync, an operation running, a new revision,
 * a failed last sync, or the wait is over). It reads the status as stored: right after a self-heal that still says
 * OutOfSync, until the refresh Argo CD asks for then writes Synced (ctl 1602, then 1604-1620), so a wait is only real
 * when the OutOfSync was compared after the operation finished (ApplicationNarrator checks that).
 */
export function selfHealWait(app: Application, now: number, backoff: SelfHealBackoff = argoCdSelfHealBackoff): SelfHealWait | undefined {
  const automated = app.spec?.syncPolicy?.automated
  const state = app.status?.operationState
  if (!automated || automated.enabled === false || !automated.selfHeal || app.operation)
    return undefined
  if (app.status?.sync?.status !== 'OutOfSync' || state?.phase !== 'Succeeded' || !state.finishedAt)
    return undefined
  const synced = state.syncResult?.revision || state.syncResult?.revisions?.join(',')
  const wanted = app.status.sync.revision || app.status.sync.revisions?.join(',')
  if (!synced || synced !== wanted)
    return undefined
  const count = state.operation?.sync?.autoHealAttemptsCount ?? 0
  const remaining = selfHealDelayMs(count, backoff) - (now - Date.parse(state.finishedAt))
  if (!(remaining > 0))
    return undefined
  return {
    seconds: Math.ceil(remaining / 1000),
    attempt: count + 1,
    key: `${app.metadata?.name}:${state.finishedAt}:${count}:${revisionKey(applicationRevisions(app)) ?? ''}`,
  }
}
