// An Argo CD Application as the deck shows it: sync status, the revisions it compared, its operation (who started it,
// retries, a dry run), the message that explains its state and all its conditions, and whether it is being deleted.
import type { ApplicationState, HealthStatus, Operation, OperationPhase, SyncStatus } from '../../common/protocol'
import type { Application, OperationState, SyncOperationRequest } from './resources'
import { applicationSource } from '../../common/manifests'
import { healthStatuses, operationPhases, syncStatuses } from '../../common/protocol'
import { syncRetryDelayMs } from '../kit/sync-retry'
import { oneOf } from './state-mapper'

/**
 * The Application as the deck shows it; `workloadHealth` stands in when Argo CD wrote none yet. `pending`: an
 * automated operation Argo CD has set while the comparison that made it is not written yet (autoSync's PUT comes
 * before that status patch, controller/appcontroller.go 1914 vs 1978): autoSync only acts on an OutOfSync app
 * (ctl 2252), so the app is OutOfSync at the operation's revision, and a self-heal's resources are the drifted ones.
 */
export function mapApplication(app: Application, workloadHealth?: HealthStatus, pending?: SyncOperationRequest): ApplicationState {
  const status = app.status ?? {}
  const source = applicationSource(app.spec)
  const automated = app.spec?.syncPolicy?.automated
  const written: SyncStatus = oneOf(syncStatuses, status.sync?.status) ?? 'Unknown'
  const syncStatus: SyncStatus = pending && written === 'Synced'
    ? 'OutOfSync'
    : written
  const revisions = pending
    ? operationRevisions(pending)
    : applicationRevisions(app)
  const conditions = (status.conditions ?? []).map(condition => ({ type: condition.type ?? '', message: condition.message ?? '' }))
  return {
    name: app.metadata?.name ?? '',
    namespace: app.metadata?.namespace ?? '',
    project: app.spec?.project || 'default',
    syncStatus,
    healthStatus: oneOf(healthStatuses, status.health?.status) ?? workloadHealth ?? 'Unknown',
    ...revisions,
    operation: mapOperation(status.operationState, app.operation),
    reconciledAt: status.reconciledAt,
    sourcePath: source?.path,
    automated: automated && automated.enabled !== false
      ? { prune: automated.prune === true, selfHeal: automated.selfHeal === true }
      : undefined,
    message: applicationMessage(app, syncStatus, driftedResources(app, pending)),
    ...(conditions.length > 0
      ? { conditions }
      : {}),
    ...(app.metadata?.deletionTimestamp
      ? { deleting: true }
      : {}),
  }
}

const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

interface Revisions { revision?: string, revisions?: string[] }

function listed(revisions: readonly string[] | undefined, single: string | undefined): Revisions {
  if (revisions?.length) {
    return {
      revision: revisions[0],
      revisions: [...revisions],
    }
  }
  return single
    ? { revision: single }
    : {}
}

/**
 * The revision Argo CD compared with (status.sync), as its UI shows it: `revisions[0]` of several sources, else
 * `revision`. None before the first comparison, and none while Argo CD cannot compare: a ComparisonError leaves the
 * targetRevision there unresolved (controller/state.go 564-583, 976-981), never the last synced one.
 */
export function applicationRevisions(app: Application): Revisions {
  const sync = app.status?.sync
  const source = applicationSource(app.spec)
  const unresolved = !sync?.revisions?.length && !source?.chart && sync?.revision === (source?.targetRevision ?? '') && !COMMIT.test(sync?.revision ?? '')
  return unresolved
    ? {}
    : listed(sync?.revisions, sync?.revision)
}

function operationRevisions(operation: SyncOperationRequest): Revisions {
  return listed(operation.sync?.revisions, operation.sync?.revision)
}

/** One key for all of an Application's revisions: it changes when any source moves (a chart-only bump too). */
export function revisionKey(state: Pick<ApplicationState, 'revision' | 'revisions'>): string | undefined {
  return state.revisions?.join(' ') ?? state.revision
}

/**
 * Who started an operation. Auto-sync and self-heal both write `initiatedBy.automated`; a self-heal also counts its
 * attempt in `sync.autoHealAttemptsCount` (controller/appcontroller.go autoSync). An operation that names nobody is
 * 'unknown', as Argo CD's UI says.
 */
export function operationInitiator(operation: SyncOperationRequest | undefined): NonNullable<Operation['initiatedBy']> {
  const initiator = operation?.initiatedBy
  if (initiator?.automated) {
    return (operation?.sync?.autoHealAttemptsCount ?? 0) > 0
      ? 'self-heal'
      : 'automated'
  }
  return initiator?.username
    ? 'manual'
    : 'unknown'
}

/** metav1.Time as Argo CD writes it: whole seconds. */
const argoTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')

/** Argo CD retrying a failed sync (ctl 1578-1591): the retries so far, and while it waits, when the next starts. */
function retryOf(state: OperationState, phase: OperationPhase): Operation['retry'] {
  const count = state.retryCount ?? 0
  if (count <= 0)
    return undefined
  const strategy = state.operation?.retry
  const limit = strategy?.limit ?? 0
  const delay = phase === 'Running' && state.finishedAt
    ? syncRetryDelayMs(count, strategy)
    : undefined
  return {
    count,
    ...(limit >= 0
      ? { limit }
      : {}),
    ...(delay !== undefined
      ? {
          nextAt: argoTime(Date.parse(state.finishedAt!) + delay),
        }
      : {}),
  }
}

/**
 * `status.operationState` as Argo CD reports it; a requested `operation` the controller has not picked up yet shows
 * as Running (with who asked for it), so a sync is visible at once. Terminating (`argocd app terminate-op`) shows as
 * such, though `operation` is still set.
 */
export function mapOperation(state: OperationState | undefined, requested: SyncOperationRequest | undefined): Operation | undefined {
  const phase = oneOf(operationPhases, state?.phase)
  if (requested && phase !== 'Running' && phase !== 'Terminating') {
    return {
      phase: 'Running',
      message: 'sync requested, waiting for the application controller',
      initiatedBy: operationInitiator(requested),
      ...(requested.sync?.dryRun
        ? { dryRun: true }
        : {}),
    }
  }
  if (!state || !phase)
    return undefined
  const retry = retryOf(state, phase)
  return {
    phase,
    message: state.message,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    initiatedBy: operationInitiator(state.operation),
    ...(state.operation?.sync?.dryRun
      ? { dryRun: true }
      : {}),
    ...(retry
      ? { retry }
      : {}),
  }
}

/**
 * The resources that differ from git, "Kind namespace/name": those Argo CD lists OutOfSync, or, for a pending
 * self-heal, the ones it syncs (its resources carry no namespace; status.resources knows it).
 */
export function driftedResources(app: Application, pending?: SyncOperationRequest): string[] {
  const resources = app.status?.resources ?? []
  const named = (resource: { kind?: string, name?: string, namespace?: string }) => `${resource.kind ?? 'resource'} ${resource.namespace
    ? `${resource.namespace}/`
    : ''}${resource.name ?? ''}`
  const drifted = resources.filter(resource => resource.status === 'OutOfSync')
  if (drifted.length > 0 || !pending?.sync?.resources)
    return drifted.map(named)
  return pending.sync.resources.map(wanted => named(resources.find(resource => resource.kind === wanted.kind && resource.name === wanted.name && (resource.group ?? '') === (wanted.group ?? '')) ?? wanted))
}

/** A comparison that could not be made (sync status Unknown) says why in one of these. */
const comparisonErrors = ['ComparisonError', 'InvalidSpecError', 'UnknownError']

/**
 * What explains the sync status. OutOfSync: the resources that differ (not a condition in Argo CD: status.resources).
 * Unknown: the comparison error. Otherwise, or with no resource listed, the first error condition (a type ending in
 * Error, as Argo CD's UI counts errors); a warning explains nothing, it stays in `conditions`.
 */
function applicationMessage(app: Application, syncStatus: SyncStatus, drifted: readonly string[]): string | undefined {
  const errors = (app.status?.conditions ?? []).filter(condition => condition.type?.endsWith('Error') && condition.message)
  if (syncStatus === 'OutOfSync' && drifted.length > 0)
    return `differs from git: ${drifted.join(', ')}`
  if (syncStatus === 'Unknown')
    return (errors.find(condition => comparisonErrors.includes(condition.type ?? '')) ?? errors[0])?.message
  return errors[0]?.message
}
