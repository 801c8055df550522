// What Argo CD v3.4.7's own UI and CLI make of an object, ported line by line so the corpus can hold the deck against
// them: ui/src/app/applications/components/utils.tsx (getAppOperationState, getOperationType,
// getOperationStateTitle, getAppDefaultSyncRevision(+Extra)), application-operation-state.tsx 129-137 (INITIATED BY),
// application-status-panel.tsx 257 (auto-sync), cmd/argocd/commands/app.go (printAppSummaryTable's Sync Policy,
// formatConditionsSummary) and controller/cache/info.go populatePodInfo (the "Status Reason" the UI shows for a pod).
type Json = Record<string, any>

function appOperationState(app: Json): Json | undefined {
  if (app.operation) {
    return {
      phase: 'Running',
      operation: { sync: {} },
    }
  }
  if (app.metadata?.deletionTimestamp)
    return { phase: 'Running', startedAt: app.metadata.deletionTimestamp }
  return app.status?.operationState
}

function operationType(app: Json): 'Delete' | 'Sync' | 'Unknown' {
  const operation = app.operation ?? app.status?.operationState?.operation
  if (app.metadata?.deletionTimestamp && !app.operation)
    return 'Delete'
  if (operation?.sync)
    return 'Sync'
  return 'Unknown'
}

/** The operation's title in the UI; undefined when the UI shows no operation at all. */
export function uiOperation(app: Json): string | undefined {
  const state = appOperationState(app)
  if (!state)
    return undefined
  switch (operationType(app)) {
    case 'Delete':
      return 'Deleting'
    case 'Sync':
      switch (state.phase) {
        case 'Running': return 'Syncing'
        case 'Error': return 'Sync error'
        case 'Failed': return 'Sync failed'
        case 'Succeeded': return 'Sync OK'
        case 'Terminating': return 'Terminated'
      }
  }
  return 'Unknown'
}

/** INITIATED BY in the UI's operation panel; undefined when it has no operation to show. */
export function uiInitiatedBy(app: Json): string | undefined {
  const state = appOperationState(app)
  if (!state?.operation)
    return undefined
  const initiatedBy = state.operation.initiatedBy
  const initiator = initiatedBy
    ? initiatedBy.automated
      ? 'automated sync policy'
      : initiatedBy.username
    : ''
  return initiator || 'Unknown'
}

/** The revision the UI shows, with its " and (N) more" for several sources. */
export function uiRevision(app: Json): string {
  const sync = app.status?.sync
  if (!sync)
    return ''
  const revisions: string[] | undefined = sync.revisions
  const revision = revisions && revisions.length > 0
    ? revisions[0]
    : sync.revision
  const extra = revisions && revisions.length > 0
    ? ` and (${revisions.length - 1}) more`
    : ''
  return `${revision ?? ''}${extra}`
}

export function uiAutoSync(app: Json): boolean {
  const automated = app.spec?.syncPolicy?.automated
  return Boolean(automated && automated.enabled !== false)
}

/** `argocd app get`'s "Sync Policy:" line. */
export function cliSyncPolicy(app: Json): string {
  if (!uiAutoSync(app))
    return 'Manual'
  return app.spec.syncPolicy.automated.prune
    ? 'Automated (Prune)'
    : 'Automated'
}

/** `argocd app list`'s CONDITIONS column. */
export function cliConditions(app: Json): string {
  const counts = new Map<string, number>()
  for (const condition of app.status?.conditions ?? [])
    counts.set(condition.type, (counts.get(condition.type) ?? 0) + 1)
  const items = [...counts].map(([type, count]) => count > 1
    ? `${type}(${count})`
    : type).sort()
  return items.length > 0
    ? items.join(',')
    : '<none>'
}

/** controller/cache/info.go populatePodInfo: the pod's "Status Reason". */
export function argoPodStatusReason(pod: Json): string {
  const status = pod.status ?? {}
  let reason: string = status.reason || status.phase || ''
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated')
      reason = 'SchedulingGated'
  }
  const initSpecs = new Map<string, Json>((pod.spec?.initContainers ?? []).map((container: Json) => [container.name, container]))
  let initializing = false
  const initStatuses: Json[] = status.initContainerStatuses ?? []
  for (const [index, container] of initStatuses.entries()) {
    const state = container.state ?? {}
    if (state.terminated && (state.terminated.exitCode ?? 0) === 0)
      continue
    if (initSpecs.get(container.name)?.restartPolicy === 'Always' && container.started)
      continue
    if (state.terminated) {
      reason = state.terminated.reason
        ? `Init:${state.terminated.reason}`
        : state.terminated.signal
          ? `Init:Signal:${state.terminated.signal}`
          : `Init:ExitCode:${state.terminated.exitCode ?? 0}`
    }
    else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`
    }
    else {
      reason = `Init:${index}/${(pod.spec?.initContainers ?? []).length}`
    }
    initializing = true
    break
  }
  const initialized = (status.conditions ?? []).some((condition: Json) => condition.type === 'Initialized' && condition.status === 'True')
  if (!initializing || initialized) {
    let hasRunning = false
    const statuses: Json[] = status.containerStatuses ?? []
    for (const container of [...statuses].reverse()) {
      const state = container.state ?? {}
      if (state.waiting?.reason) {
        reason = state.waiting.reason
      }
      else if (state.terminated?.reason) {
        reason = state.terminated.reason
      }
      else if (state.terminated) {
        reason = state.terminated.signal
          ? `Signal:${state.terminated.signal}`
          : `ExitCode:${state.terminated.exitCode ?? 0}`
      }
      else if (container.ready && state.running) {
        hasRunning = true
      }
    }
    if (reason === 'Completed' && hasRunning)
      reason = 'Running'
  }
  const terminal = status.phase === 'Failed' || status.phase === 'Succeeded'
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost')
    reason = 'Unknown'
  else if (pod.metadata?.deletionTimestamp && !terminal)
    reason = 'Terminating'
  return reason
}
