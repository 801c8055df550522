import type { DemoState, PodState } from '../common/protocol'
// Where in the GitOps loop the demo is, read from the real state: the phase the strip on a demo slide lights.
import { PODINFO_APP } from '../common/manifests'

export const PHASES = [
  'changed',
  'outOfSync',
  'syncing',
  'rolling',
  'synced',
] as const
export type Phase = (typeof PHASES)[number]

/** The colour a browser gets from podinfo now: what most ready pods serve (newest wins a tie). */
export function servedColor(pods: PodState[]): string | undefined {
  const counts = new Map<string, number>()
  for (const pod of pods) {
    if (pod.ready && pod.phase === 'Running' && pod.color)
      counts.set(pod.color, (counts.get(pod.color) ?? 0) + 1)
  }
  let best: string | undefined
  let most = 0
  for (const [color, count] of counts) {
    if (count >= most) {
      best = color
      most = count
    }
  }
  return best
}

/** Pods are still being replaced: not all ready, or not all from one template. */
export function isRolling(state: DemoState): boolean {
  const { podinfo } = state
  const colors = new Set(podinfo.pods.map(pod => pod.color))
  return podinfo.readyReplicas < podinfo.desiredReplicas
    || podinfo.pods.length !== podinfo.desiredReplicas
    || podinfo.pods.some(pod => pod.phase !== 'Running' || !pod.ready)
    || colors.size > 1
}

/**
 * The loop's current phase: git (or kubectl) changed something → Argo CD sees OutOfSync → a sync runs →
 * Synced while the pods roll (health Progressing) → Healthy. Argo CD marks an app Synced once the manifests are
 * applied, before the rollout ends (gitops-engine health_deployment.go). A later phase wins only when no earlier
 * one still holds.
 */
export function demoPhase(state: DemoState | undefined): Phase {
  const app = state?.applications.find(candidate => candidate.name === PODINFO_APP)
  if (!state || !app)
    return 'synced'
  if (app.operation?.phase === 'Running')
    return 'syncing'
  if (app.syncStatus === 'OutOfSync')
    return 'outOfSync'
  // kubectl deleted podinfo's namespace: changed, until Argo CD sees its resources go (OutOfSync, above).
  const namespace = state.podinfo.namespace?.phase
  if (namespace && namespace !== 'Active')
    return 'changed'
  const gitAhead = Boolean(state.git.head && app.revision && state.git.head !== app.revision)
  const desired = state.git.desired
  const drifted = Boolean(desired && (desired.color.toLowerCase() !== state.podinfo.color.toLowerCase() || desired.replicas !== state.podinfo.desiredReplicas))
  if (gitAhead || drifted)
    return 'changed'
  if (isRolling(state) || app.healthStatus !== 'Healthy')
    return 'rolling'
  return 'synced'
}
