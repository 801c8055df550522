import type { SelfHealBackoff } from '../kit/self-heal'
import { argoCdSelfHealBackoff } from '../kit/self-heal'

/** Default durations at speed 1, in milliseconds: what the audience sees on stage. */
export interface SimTimings {
  /** Pod created → container running (scheduling, image already on the node, start). */
  podStart: number
  /** Container running → readiness probe passes. */
  podReady: number
  /** Graceful termination of a deleted pod. */
  podTerminate: number
  /** A live change reaching Argo CD through its watch, and the comparison that follows. */
  driftDetection: number
  /** A refresh: repo-server fetches the revision, renders and compares. */
  refresh: number
  /** A sync operation applying the manifests (Running → Succeeded). */
  syncApply: number
  /** Argo CD's periodic reconciliation (timeout.reconciliation) and its jitter. */
  poll: number
  pollJitter: number
  /** Self-heal backoff: first attempt at once, then base, base·factor, … up to cap. */
  selfHealBackoff: SelfHealBackoff
}

export const defaultTimings: SimTimings = {
  podStart: 2000,
  podReady: 1000,
  podTerminate: 2000,
  driftDetection: 1000,
  refresh: 1500,
  syncApply: 1000,
  poll: 120_000,
  pollJitter: 60_000,
  selfHealBackoff: argoCdSelfHealBackoff,
}
