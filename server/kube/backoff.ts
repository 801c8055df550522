/** Restart delays; injectable so tests need not wait real seconds. */
export interface Backoff {
  /** First restart delay after a failure. */
  initialMs: number
  /** Upper bound: below 5 s, so the demo recovers within 5 s of the API coming back. */
  maxMs: number
}

export const defaultBackoff: Backoff = { initialMs: 500, maxMs: 4000 }

export function backoffDelay(backoff: Backoff, failures: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1))
}

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))
