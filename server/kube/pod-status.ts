// A pod's STATUS column as `kubectl get pods` prints it (the API server's printPod, Kubernetes 1.33), which Argo CD's
// controller copies as a pod's "Status Reason" (controller/cache/info.go populatePodInfo, v3.4.7; the same rules but
// "Running" where kubectl says "NotReady").
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node'

const terminalPhases = new Set(['Succeeded', 'Failed'])

function conditionTrue(pod: V1Pod, type: string): boolean {
  return pod.status?.conditions?.some(condition => condition.type === type && condition.status === 'True') ?? false
}

/** The first init container that has not done its work yet, as STATUS names it; undefined when all have. */
function initializing(pod: V1Pod): string | undefined {
  const specs = new Map((pod.spec?.initContainers ?? []).map(container => [container.name, container]))
  const statuses = pod.status?.initContainerStatuses ?? []
  for (const [index, container] of statuses.entries()) {
    const { terminated, waiting } = container.state ?? {}
    if (terminated && terminated.exitCode === 0)
      continue
    // A sidecar (restartable init container) that started is running, not initializing.
    if (specs.get(container.name)?.restartPolicy === 'Always' && container.started)
      continue
    if (terminated) {
      return terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode}`
    }
    if (waiting?.reason && waiting.reason !== 'PodInitializing')
      return `Init:${waiting.reason}`
    return `Init:${index}/${specs.size}`
  }
  return undefined
}

/** What a container says about the pod, from the last container to the first (so the first wins). */
function containerReason(statuses: readonly V1ContainerStatus[]): { reason?: string, running: boolean } {
  let reason: string | undefined
  let running = false
  for (const container of [...statuses].reverse()) {
    const { waiting, terminated } = container.state ?? {}
    if (waiting?.reason) {
      reason = waiting.reason
    }
    else if (terminated?.reason) {
      reason = terminated.reason
    }
    else if (terminated) {
      reason = terminated.signal
        ? `Signal:${terminated.signal}`
        : `ExitCode:${terminated.exitCode}`
    }
    else if (container.ready && container.state?.running) {
      running = true
    }
  }
  return { reason, running }
}

export function kubectlStatus(pod: V1Pod): string {
  const status = pod.status ?? {}
  let reason = status.reason || status.phase || 'Unknown'
  if (status.conditions?.some(condition => condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated'))
    reason = 'SchedulingGated'
  const init = initializing(pod)
  if (init)
    reason = init
  if (!init || conditionTrue(pod, 'Initialized')) {
    const containers = containerReason(status.containerStatuses ?? [])
    reason = containers.reason ?? reason
    // A container that completed beside one still running: the pod runs.
    if (reason === 'Completed' && containers.running) {
      reason = conditionTrue(pod, 'Ready')
        ? 'Running'
        : 'NotReady'
    }
  }
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost')
    return 'Unknown'
  if (pod.metadata?.deletionTimestamp && !terminalPhases.has(status.phase ?? ''))
    return 'Terminating'
  return reason
}
