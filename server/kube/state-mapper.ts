import type { V1Container, V1Deployment, V1Pod, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node'
import type { ApplicationState, HealthStatus, Operation, PodinfoState, PodPhase, PodState, ReplicaSetState, SyncStatus } from '../../common/protocol'
import type { Application, OperationState, SyncOperationRequest } from './resources'
import { applicationSource, COLOR_ENV, envValue, MESSAGE_ENV, podinfoContainer } from '../../common/manifests'
import { healthStatuses, operationPhases, podPhases, syncStatuses } from '../../common/protocol'
import { REVISION_ANNOTATION } from './resources'

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return (values as readonly unknown[]).includes(value)
    ? value as T
    : undefined
}

/** The Application as the deck shows it; `workloadHealth` stands in when Argo CD wrote none yet. */
export function mapApplication(app: Application, workloadHealth?: HealthStatus): ApplicationState {
  const status = app.status ?? {}
  const source = applicationSource(app.spec)
  const automated = app.spec?.syncPolicy?.automated
  const syncStatus: SyncStatus = oneOf(syncStatuses, status.sync?.status) ?? 'Unknown'
  return {
    name: app.metadata?.name ?? '',
    namespace: app.metadata?.namespace ?? '',
    project: app.spec?.project ?? 'default',
    syncStatus,
    healthStatus: oneOf(healthStatuses, status.health?.status) ?? workloadHealth ?? 'Unknown',
    revision: applicationRevision(app),
    operation: mapOperation(status.operationState, app.operation),
    reconciledAt: status.reconciledAt,
    sourcePath: source?.path,
    automated: automated && automated.enabled !== false
      ? { prune: automated.prune === true, selfHeal: automated.selfHeal === true }
      : undefined,
    message: applicationMessage(app, syncStatus),
  }
}

const COMMIT = /^[0-9a-f]{40}$/

/**
 * The revision Argo CD compared with: `status.sync.revision` for a single source; a multi-source app
 * has only `revisions` (one per source: a chart version, a commit), of which the commit is shown.
 */
export function applicationRevision(app: Application): string | undefined {
  const status = app.status ?? {}
  const single = status.sync?.revision || status.operationState?.syncResult?.revision
  if (single)
    return single
  const revisions = status.sync?.revisions ?? status.operationState?.syncResult?.revisions ?? []
  return revisions.find(revision => COMMIT.test(revision)) ?? (revisions.find(Boolean) || undefined)
}

/**
 * Who started an operation. Auto-sync and self-heal both write `initiatedBy.automated`; a self-heal
 * also counts its attempt in `sync.autoHealAttemptsCount` (controller/appcontroller.go autoSync).
 */
export function operationInitiator(operation: SyncOperationRequest | undefined): Operation['initiatedBy'] {
  const initiator = operation?.initiatedBy
  if (initiator?.automated) {
    return (operation?.sync?.autoHealAttemptsCount ?? 0) > 0
      ? 'self-heal'
      : 'automated'
  }
  return initiator?.username ? 'manual' : undefined
}

/**
 * `status.operationState` as Argo CD reports it; a requested `operation` the controller has
 * not picked up yet shows as Running (with who asked for it), so a sync is visible at once.
 */
export function mapOperation(state: OperationState | undefined, requested: SyncOperationRequest | undefined): Operation | undefined {
  const phase = oneOf(operationPhases, state?.phase)
  if (requested && phase !== 'Running') {
    return {
      phase: 'Running',
      message: 'sync requested, waiting for the application controller',
      initiatedBy: operationInitiator(requested) ?? 'manual',
    }
  }
  if (!state || !phase)
    return undefined
  return {
    phase,
    message: state.message,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    initiatedBy: operationInitiator(state.operation),
  }
}

function applicationMessage(app: Application, syncStatus: SyncStatus): string | undefined {
  const condition = app.status?.conditions?.find(entry => entry.message)
  if (condition?.message)
    return condition.message
  if (syncStatus !== 'OutOfSync')
    return undefined
  const drifted = (app.status?.resources ?? [])
    .filter(resource => resource.status === 'OutOfSync')
    .map(resource => `${resource.kind ?? 'resource'} ${resource.namespace
      ? `${resource.namespace}/`
      : ''}${resource.name ?? ''}`)
  return drifted.length > 0
    ? `differs from git: ${drifted.join(', ')}`
    : undefined
}

/**
 * Argo CD's Deployment health check, on the Deployment itself (Argo CD 3.x no longer
 * writes per-resource health into the Application).
 */
export function deploymentHealth(deployment: V1Deployment | undefined): HealthStatus {
  if (!deployment)
    return 'Missing'
  if (deployment.spec?.paused)
    return 'Suspended'
  const status = deployment.status ?? {}
  const progressing = status.conditions?.find(condition => condition.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return 'Degraded'
  const desired = deployment.spec?.replicas ?? 1
  if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0))
    return 'Progressing'
  if ((status.updatedReplicas ?? 0) < desired)
    return 'Progressing'
  if ((status.replicas ?? 0) > (status.updatedReplicas ?? 0))
    return 'Progressing'
  if ((status.availableReplicas ?? 0) < (status.updatedReplicas ?? 0))
    return 'Progressing'
  return 'Healthy'
}

const templateContainer = (template: V1PodTemplateSpec | undefined) => podinfoContainer(template?.spec?.containers)
const containerEnv = (container: V1Container | undefined, name: string) => envValue(container?.env, name)

export function podPhase(pod: V1Pod): PodPhase {
  if (pod.metadata?.deletionTimestamp)
    return 'Terminating'
  return oneOf(podPhases, pod.status?.phase) ?? 'Unknown'
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
export function mapPodinfo(deployment: V1Deployment | undefined, replicaSets: readonly V1ReplicaSet[], pods: readonly V1Pod[]): PodinfoState {
  const deploymentName = deployment?.metadata?.name
  const owned = replicaSets
    .filter(replicaSet => !deploymentName || ownerName(replicaSet, 'Deployment') === deploymentName)
    .sort((a, b) => replicaSetRevision(b) - replicaSetRevision(a))
  const colorOf = new Map(owned.map(replicaSet => [replicaSet.metadata?.name ?? '', containerEnv(templateContainer(replicaSet.spec?.template), COLOR_ENV) ?? '']))
  const podStates: PodState[] = pods
    .map(pod => ({
      name: pod.metadata?.name ?? '',
      phase: podPhase(pod),
      ready: podReady(pod),
      replicaSet: ownerName(pod, 'ReplicaSet'),
      color: containerEnv(podinfoContainer(pod.spec?.containers), COLOR_ENV),
    }))
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
  }
}
