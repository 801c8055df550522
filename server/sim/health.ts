import type { PodinfoSpec } from '../../common/manifests'
import type { HealthStatus } from '../../common/protocol'
import type { ReplicaSet } from './deployment-controller'
import type { LiveObject } from './live-objects'
import type { Pod } from './pods'

export interface Health {
  status: HealthStatus
  message?: string
}

/** Argo CD's health statuses, best first (gitops-engine pkg/health/health.go healthOrder). */
const ORDER: HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
]

/** The Deployment's health as Argo CD reads it, from its pods that are not terminating and its current ReplicaSet. */
export function deploymentHealth(deployment: PodinfoSpec | undefined, active: readonly Pod[], current: ReplicaSet | undefined): Health {
  if (!deployment)
    return { status: 'Missing', message: 'Deployment podinfo does not exist' }
  const updated = active.filter(pod => pod.replicaSet === current).length
  const available = active.filter(pod => pod.ready).length
  if (updated < deployment.replicas)
    return { status: 'Progressing', message: `Waiting for rollout to finish: ${updated} out of ${deployment.replicas} new replicas have been updated...` }
  if (active.length > updated)
    return { status: 'Progressing', message: `Waiting for rollout to finish: ${active.length - updated} old replicas are pending termination...` }
  if (available < updated)
    return { status: 'Progressing', message: `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...` }
  return { status: 'Healthy' }
}

/**
 * A live resource of podinfo's besides its Deployment: a ClusterIP Service is Healthy; an Ingress is Progressing until
 * it has an address (gitops-engine pkg/health/health_ingress.go).
 */
export function objectHealth(object: LiveObject): Health {
  return object.resource.kind === 'Ingress' && !object.address
    ? { status: 'Progressing', message: `Ingress ${object.resource.name} has no address yet` }
    : { status: 'Healthy' }
}

/**
 * podinfo's Application health as Argo CD computes it (controller/health.go setApplicationHealth): the worst of the
 * live resources'; a missing one does not count, unless none is live: then Missing.
 */
export function applicationHealth(live: readonly Health[]): Health {
  if (live.length === 0)
    return { status: 'Missing' }
  return live.reduce((worst, next) => ORDER.indexOf(next.status) > ORDER.indexOf(worst.status)
    ? next
    : worst)
}
