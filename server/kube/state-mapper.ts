// podinfo's workload as the deck shows it (its Deployment, ReplicaSets and Pods) and the Deployment's health.
import type { V1Container, V1Deployment, V1Pod, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node'
import type { HealthStatus, PodinfoState, PodPhase, PodState, ReplicaSetState } from '../../common/protocol'
import { COLOR_ENV, envValue, MESSAGE_ENV, podinfoContainer } from '../../common/manifests'
import { podPhases } from '../../common/protocol'
import { kubectlStatus } from './pod-status'
import { REVISION_ANNOTATION } from './resources'

/** `value` if it is one of `values` (a status the protocol knows), else undefined. */
export function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return (values as readonly unknown[]).includes(value)
    ? value as T
    : undefined
}

/**
 * Argo CD's Deployment health (gitops-engine pkg/health/health_deployment.go, v3.4.7), on the Deployment itself (Argo
 * CD 3.x no longer writes per-resource health into the Application). The condition and the counts are read only once
 * the generation is observed: a new spec with an old ProgressDeadlineExceeded is Progressing, not Degraded.
 */
export function deploymentHealth(deployment: V1Deployment | undefined): HealthStatus {
  if (!deployment)
    return 'Missing'
  // Any object being deleted is "Pending deletion" (gitops-engine pkg/health/health.go 70-76).
  if (deployment.metadata?.deletionTimestamp)
    return 'Progressing'
  if (deployment.spec?.paused)
    return 'Suspended'
  const status = deployment.status ?? {}
  if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0))
    return 'Progressing'
  const progressing = status.conditions?.find(condition => condition.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return 'Degraded'
  const updated = status.updatedReplicas ?? 0
  if (deployment.spec?.replicas !== undefined && updated < deployment.spec.replicas)
    return 'Progressing'
  if ((status.replicas ?? 0) > updated)
    return 'Progressing'
  if ((status.availableReplicas ?? 0) < updated)
    return 'Progressing'
  return 'Healthy'
}

const templateContainer = (template: V1PodTemplateSpec | undefined) => podinfoContainer(template?.spec?.containers)
const containerEnv = (container: V1Container | undefined, name: string) => envValue(container?.env, name)

/** The pod's phase, or Terminating while it is deleted and has not ended (as kubectl's STATUS says). */
export function podPhase(pod: V1Pod): PodPhase {
  const phase = oneOf(podPhases, pod.status?.phase) ?? 'Unknown'
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost')
    return 'Unknown'
  if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    return 'Terminating'
  return phase
}

/** kubectl's STATUS column, when it says more than the phase. */
function podStatus(pod: V1Pod, phase: PodPhase): string | undefined {
  const column = kubectlStatus(pod)
  return column === phase
    ? undefined
    : column
}

export function podReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True') ?? false
}

function ownerName(object: { metadata?: { ownerReferences?: { kind: string, name: string }[] } }, kind: string): string | undefined {
  return object.metadata?.ownerReferences?.find(owner => owner.kind === kind)?.name
}

function replicaSetRevision(replicaSet: V1ReplicaSet): number {
  const revision = Number(replicaSet.metadata?.annotations?.[REVISION_ANNOTATION])
  return Number.isFinite(revision)
    ? revision
    : 0
}

/** podinfo's workload: the Deployment's spec and status, its ReplicaSets (newest first) and Pods. */
/** `namespace`: podinfo's namespace and its phase, once its watch has listed it. */
export function mapPodinfo(deployment: V1Deployment | undefined, replicaSets: readonly V1ReplicaSet[], pods: readonly V1Pod[], namespace?: PodinfoState['namespace']): PodinfoState {
  const deploymentName = deployment?.metadata?.name
  const owned = replicaSets
    .filter(replicaSet => !deploymentName || ownerName(replicaSet, 'Deployment') === deploymentName)
    .sort((a, b) => replicaSetRevision(b) - replicaSetRevision(a))
  const colorOf = new Map(owned.map(replicaSet => [replicaSet.metadata?.name ?? '', containerEnv(templateContainer(replicaSet.spec?.template), COLOR_ENV) ?? '']))
  const podStates: PodState[] = pods
    .map((pod) => {
      const phase = podPhase(pod)
      const status = podStatus(pod, phase)
      return {
        name: pod.metadata?.name ?? '',
        phase,
        ...(status
          ? { status }
          : {}),
        ready: podReady(pod),
        replicaSet: ownerName(pod, 'ReplicaSet'),
        color: containerEnv(podinfoContainer(pod.spec?.containers), COLOR_ENV),
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
  const shown = owned.filter(replicaSet => (replicaSet.spec?.replicas ?? 0) > 0 || podStates.some(pod => pod.replicaSet === replicaSet.metadata?.name))
  const replicaSetStates: ReplicaSetState[] = shown.map(replicaSet => ({
    name: replicaSet.metadata?.name ?? '',
    revision: replicaSetRevision(replicaSet),
    replicas: replicaSet.spec?.replicas ?? 0,
    readyReplicas: replicaSet.status?.readyReplicas ?? 0,
    color: colorOf.get(replicaSet.metadata?.name ?? '') ?? '',
  }))
  const container = templateContainer(deployment?.spec?.template)
  return {
    desiredReplicas: deployment?.spec?.replicas ?? 0,
    readyReplicas: deployment?.status?.readyReplicas ?? 0,
    updatedReplicas: deployment?.status?.updatedReplicas ?? 0,
    image: container?.image ?? '',
    color: containerEnv(container, COLOR_ENV) ?? '',
    message: containerEnv(container, MESSAGE_ENV) ?? '',
    pods: podStates,
    replicaSets: replicaSetStates,
    ...(namespace
      ? { namespace }
      : {}),
  }
}
