import type { Timeline } from '../support/timeline'
import type { AppModel } from './app-model'
import type { Clock } from './clock'
import type { SimCluster } from './cluster'
import type { SyncInitiator } from './operation-retry'
import type { DesiredPodinfo, RevisionSource } from './repo-server'
import type { SimTimings } from './timings'
import { CREATE_NAMESPACE, PODINFO_APP } from '../../common/manifests'
import { errorMessage } from '../../common/text'
import { isoNow } from './clock'
import { awaitingRetry, failedMessage, nextRetry, retryStarted } from './operation-retry'
import { loadDesired } from './repo-server'

/**
 * Argo CD's sync operations on the modelled cluster: an Application's operation from Running to Succeeded or Failed,
 * each attempt applying a revision, a failed one retried.
 */
export class SyncOperations {
  private closed = false

  constructor(
    private readonly clock: Clock,
    private readonly timings: SimTimings,
    private readonly git: RevisionSource,
    private readonly cluster: SimCluster,
    private readonly timeline: Timeline,
    private readonly changed: () => void,
    /** The operation has ended: the controller compares again. */
    private readonly finished: (app: AppModel) => void,
  ) {}

  /** Starts an operation; throws while one is running. */
  start(app: AppModel, initiatedBy: SyncInitiator): void {
    if (app.state.operation?.phase === 'Running')
      throw new Error('another operation is already in progress')
    app.selfHeal.cancel()
    if (initiatedBy === 'manual')
      app.selfHeal.attempts = 0
    app.state.operation = {
      phase: 'Running',
      message: 'one or more tasks are running',
      startedAt: isoNow(this.clock),
      initiatedBy,
    }
    this.timeline.add('argocd', {
      kind: 'app.syncStarted',
      app: app.spec.name,
      initiatedBy,
      attempt: initiatedBy === 'self-heal'
        ? app.selfHeal.attempts
        : undefined,
    })
    this.attempt(app, initiatedBy, 0)
  }

  close(): void {
    this.closed = true
  }

  /** One attempt of the operation (`resolved`: the revision the first one resolved, which its retries keep). */
  private attempt(app: AppModel, initiatedBy: SyncInitiator, retries: number, resolved?: string): void {
    let revision = resolved
    app.queue = app.queue
      .then(async () => {
        revision ??= initiatedBy === 'manual'
          ? await this.git.remoteHead()
          : app.state.revision ?? await this.git.remoteHead()
        const desired = app.spec.name === PODINFO_APP
          ? (revision === app.state.revision && app.desired
              ? app.desired
              : await loadDesired(this.git, app.spec.sourcePath ?? '', revision))
          : undefined
        if (desired)
          this.createNamespaceIfGone(app)
        await new Promise<void>((resolve) => {
          app.timers.sync = this.clock.setTimeout(resolve, this.timings.syncApply)
        })
        app.timers.sync = undefined
        if (this.closed)
          return
        const failures = desired
          ? this.cluster.applyResources(desired.spec, desired.resources)
          : []
        // gitops-engine sync_context.go 889-905: the failed tasks' messages after ", reason: ", joined by ",".
        if (failures.length > 0)
          throw new Error(`one or more objects failed to apply, reason: ${failures.join(',')}`)
        this.finish(app, revision, desired, 'Succeeded', 'successfully synced (all tasks run)')
      })
      .catch((error: unknown) => this.attemptFailed(app, initiatedBy, retries, revision, errorMessage(error)))
  }

  /**
   * A failed attempt, as Argo CD handles it (controller/appcontroller.go 1578-1600): with a retry left the phase stays
   * Running and the next attempt starts after the backoff; else the operation fails, "(retried N times)."
   */
  private attemptFailed(app: AppModel, initiatedBy: SyncInitiator, retries: number, revision: string | undefined, message: string): void {
    if (this.closed)
      return
    const next = nextRetry(app.spec.retry, initiatedBy, retries)
    if (!next) {
      this.finish(app, revision ?? app.state.revision ?? '', app.desired, 'Failed', failedMessage(message, retries))
      return
    }
    app.state.operation = awaitingRetry(app.state.operation!, message, next, this.clock.now())
    this.timeline.add('argocd', {
      kind: 'app.syncRetrying',
      app: app.spec.name,
      retry: next.count,
      ...next.limit,
      seconds: Math.round(next.delayMs / 1000),
      reason: message,
    })
    this.changed()
    app.timers.retry = this.clock.setTimeout(() => {
      app.timers.retry = undefined
      app.state.operation = retryStarted(app.state.operation!, next)
      this.timeline.add('argocd', {
        kind: 'app.syncRetryStarted',
        app: app.spec.name,
        retry: next.count,
        ...next.limit,
      })
      this.attempt(app, initiatedBy, next.count, revision)
      this.changed()
    }, next.delayMs)
  }

  /**
   * CreateNamespace=true (controller/sync.go 321-323): the sync looks the namespace up live (gitops-engine
   * sync_context.go 1139-1179 autoCreateNamespace) and creates it, before the dry run, only when it is not found
   * (controller/sync_namespace.go 26-28). A namespace that is Terminating is found: no task, the creates that follow
   * are refused.
   */
  private createNamespaceIfGone(app: AppModel): void {
    if (app.spec.syncOptions?.includes(CREATE_NAMESPACE) && this.cluster.namespacePhase() === 'Gone')
      this.cluster.createNamespace()
  }

  private finish(app: AppModel, revision: string, desired: DesiredPodinfo | undefined, phase: 'Succeeded' | 'Failed', message: string): void {
    if (this.closed)
      return
    const operation = app.state.operation
    app.state.operation = {
      ...operation,
      phase,
      message,
      finishedAt: isoNow(this.clock),
    }
    app.selfHeal.operationFinished()
    // A failed revision counts as attempted too: autoSync does not sync it again (appcontroller.go 2300-2305).
    app.lastSync = { revision, phase, message }
    if (phase === 'Succeeded') {
      app.state.revision = revision
      app.desired = desired
    }
    this.timeline.add('argocd', phase === 'Succeeded'
      ? { kind: 'app.syncSucceeded', app: app.spec.name, sha: revision }
      : { kind: 'app.syncFailed', app: app.spec.name, reason: message })
    this.finished(app)
  }
}
