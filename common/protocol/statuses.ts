// The statuses the state, the refusals and the timeline name, as Argo CD and Kubernetes spell them.
export const syncStatuses = ['Synced', 'OutOfSync', 'Unknown'] as const
export const healthStatuses = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
] as const
export const operationPhases = [
  'Running',
  'Succeeded',
  'Failed',
  'Error',
  'Terminating',
] as const
/**
 * A pod's phase as the deck groups pods, plus Terminating (being deleted, not yet ended) as `kubectl get pods` shows it.
 * The rest of kubectl's STATUS column (CrashLoopBackOff, ErrImagePull, Completed, Init:0/1 …) is the pod's `status`.
 */
export const podPhases = [
  'Pending',
  'Running',
  'Terminating',
  'Succeeded',
  'Failed',
  'Unknown',
] as const
export const connectionStates = ['connected', 'reconnecting', 'down'] as const
/** podinfo's namespace: Kubernetes' two phases, and Gone once the namespace controller has finalized it. */
export const namespacePhases = ['Active', 'Terminating', 'Gone'] as const

/** 'unknown': the operation names no initiator (Argo CD's UI: "INITIATED BY: Unknown"). */
export const syncInitiators = [
  'manual',
  'automated',
  'self-heal',
  'unknown',
] as const

export type SyncStatus = (typeof syncStatuses)[number]
export type HealthStatus = (typeof healthStatuses)[number]
export type OperationPhase = (typeof operationPhases)[number]
export type PodPhase = (typeof podPhases)[number]
export type NamespacePhase = (typeof namespacePhases)[number]
export type ConnectionState = (typeof connectionStates)[number]
