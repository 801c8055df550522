// Argo CD's self-heal backoff, as both backends narrate it: the application controller's flags at their v3.4.7
// defaults (cmd/argocd-application-controller: --self-heal-backoff-timeout-seconds 2, -factor 3, -cap-seconds 300).

export interface SelfHealBackoff {
  baseMs: number
  factor: number
  capMs: number
}

export const argoCdSelfHealBackoff: SelfHealBackoff = { baseMs: 2000, factor: 3, capMs: 300_000 }

/** The wait before self-heal attempt `count + 1`: 0, 2, 6, 18, 54, 162, 300, 300 … s after the last operation. */
export function selfHealDelayMs(count: number, backoff: SelfHealBackoff = argoCdSelfHealBackoff): number {
  if (count <= 0)
    return 0
  return Math.min(backoff.baseMs * backoff.factor ** (count - 1), backoff.capMs)
}
