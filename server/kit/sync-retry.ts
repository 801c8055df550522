// Argo CD's retry of a failed sync, as both backends narrate it (v3.4.7 pkg/apis/application/v1alpha1/types.go
// RetryStrategy.NextRetryAt; defaults in application_defaults.go: 5 s, ×2, at most 3 min).
import type { SyncRetry } from '../../common/manifests'

/** spec.syncPolicy.retry (common/manifests.ts): `limit` retries after the first attempt; 0 or none: none; below 0: no limit. */
export type SyncRetryStrategy = SyncRetry

/** What an automated sync gets when the Application sets no retry (controller/appcontroller.go autoSync). */
export const automatedSyncRetry: SyncRetryStrategy = { limit: 5 }

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
}

/** Go's parseStringToDuration: a bare integer is seconds, else time.ParseDuration ("10s", "2m", "1h30m"). */
export function durationMs(text: string): number | undefined {
  if (/^\d+$/.test(text))
    return Number(text) * 1000
  const parts = [
    ...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|[smh])/g),
  ]
  if (parts.length === 0 || parts.map(part => part[0]).join('') !== text)
    return undefined
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (UNIT_MS[unit ?? ''] ?? 0), 0)
}

/**
 * How long after a failed attempt Argo CD starts retry number `count` (the retryCount it stored): duration ×
 * factor^count, capped at maxDuration (ctl 1507-1522). By default 10, 20, 40, 80, 160 s: one step more than the time
 * in Argo CD's own message ("Retrying attempt #1 at …" names the time 5 s after). Undefined for a backoff Argo CD
 * cannot read either (it ends the operation with an Error then).
 */
export function syncRetryDelayMs(count: number, strategy: SyncRetryStrategy | undefined): number | undefined {
  const backoff = strategy?.backoff
  const duration = backoff?.duration === undefined
    ? 5000
    : durationMs(backoff.duration)
  const max = backoff?.maxDuration === undefined
    ? 180_000
    : durationMs(backoff.maxDuration)
  if (duration === undefined || max === undefined)
    return undefined
  const wait = duration * (backoff?.factor ?? 2) ** count
  return max > 0
    ? Math.min(max, wait)
    : wait
}

/** Whether Argo CD retries after `count` retries (ctl 1579): below the limit, or any count when the limit is negative. */
export function retriesLeft(count: number, strategy: SyncRetryStrategy | undefined): boolean {
  const limit = strategy?.limit ?? 0
  return count < limit || limit < 0
}

/** Go's time.Kitchen ("3:04PM"), in UTC (the controller's image runs in UTC): the time in Argo CD's retry message. */
export function kitchenTime(ms: number): string {
  const time = new Date(ms)
  const hours = time.getUTCHours()
  return `${hours % 12 || 12}:${String(time.getUTCMinutes()).padStart(2, '0')}${hours < 12
    ? 'AM'
    : 'PM'}`
}
