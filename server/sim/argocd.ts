import type { ApplicationSpec, ManifestResource, PodinfoSpec } from '../../common/manifests'
import type { ApplicationState, DriftField, Operation } from '../../common/protocol'
import type { Timeline } from '../support/timeline'
import type { Cancel, Clock } from './clock'
import type { SimCluster } from './cluster'
import type { SimTimings } from './timings'
import { CREATE_NAMESPACE, parseManifestResources, parsePodinfoDeployment, PODINFO_APP, resourceName } from '../../common/manifests'
import { errorMessage, shortSha } from '../../common/text'
import { selfHealDelayMs } from '../kit/self-heal'
import { automatedSyncRetry, kitchenTime, retriesLeft, syncRetryDelayMs } from '../kit/sync-retry'

/** What Argo CD's repo-server needs from git. */
export interface RevisionSource {
  remoteHead: () => Promise<string>
  readFile: (revision: string, path: string) => Promise<string>
  listFiles: (revision: string, dir: string) => Promise<string[]>
}

/** podinfo as a revision declares it: the Deployment the model compares, and every resource its manifests hold. */
export interface DesiredPodinfo {
  spec: PodinfoSpec
  resources: ManifestResource[]
}

/** What differs from git: the Deployment's fields, and resources that are not there at all. */
interface Drift {
  diffs: DriftField[]
  missing: string[]
}

interface AppModel {
  spec: ApplicationSpec
  state: ApplicationState
  desired?: DesiredPodinfo
  /** The revision the last sync operation applied: auto-sync does not retry it without selfHeal. */
  syncedRevision?: string
  selfHealAttempts: number
  lastOperationFinishedAt?: number
  queue: Promise<void>
  timers: { poll?: Cancel, refresh?: Cancel, detect?: Cancel, heal?: Cancel, sync?: Cancel, retry?: Cancel }
}

const short = (sha: string | undefined) => shortSha(sha, 'unknown')

/**
 * A modelled Argo CD application controller: compares git (at the branch head it last fetched)
 * with the modelled cluster, auto-syncs new revisions, self-heals drift with backoff, polls.
 */
export class SimArgoCd {
  private readonly apps = new Map<string, AppModel>()
  private closed = false

  constructor(
    private readonly clock: Clock,
    private readonly timings: SimTimings,
    private readonly git: RevisionSource,
    private readonly cluster: SimCluster,
    private readonly timeline: Timeline,
    private readonly changed: () => void,
    private readonly random: () => number = Math.random,
  ) {}

  /** Everything starts Synced and Healthy at `revision`, as a freshly bootstrapped cluster. */
  start(specs: readonly ApplicationSpec[], revision: string, podinfo: DesiredPodinfo | undefined): void {
    const now = this.isoNow()
    for (const spec of specs) {
      const app: AppModel = {
        spec,
        desired: spec.name === PODINFO_APP
          ? podinfo
          : undefined,
        syncedRevision: revision,
        selfHealAttempts: 0,
        queue: Promise.resolve(),
        timers: {},
        state: {
          name: spec.name,
          namespace: spec.namespace,
          project: spec.project,
          syncStatus: 'Synced',
          healthStatus: 'Healthy',
          revision,
          reconciledAt: now,
          sourcePath: spec.sourcePath,
          automated: spec.automated,
        },
      }
      this.apps.set(spec.name, app)
      this.schedulePoll(app)
    }
  }

  /** An Application's spec (from git) and state, for a check before an action. */
  application(name: string): { spec: ApplicationSpec, state: ApplicationState } {
    const app = this.require(name)
    return {
      spec: app.spec,
      state: structuredClone(app.state),
    }
  }

  snapshot(): ApplicationState[] {
    return [
      ...this.apps.values(),
    ].map(app => structuredClone(app.state))
  }

  /** `argocd app get --refresh`: fetch the branch head and compare, a moment later. */
  refresh(name: string): void {
    const app = this.require(name)
    if (app.timers.refresh)
      return
    app.timers.refresh = this.clock.setTimeout(() => {
      app.timers.refresh = undefined
      this.reconcile(app)
    }, this.timings.refresh)
  }

  /** `argocd app sync`: resolves the branch head now and applies it. */
  sync(name: string): void {
    const app = this.require(name)
    this.startSync(app, 'manual')
  }

  /** A watch event on a live resource of podinfo: Argo CD compares again without fetching git. */
  liveSpecChanged(): void {
    const app = this.apps.get(PODINFO_APP)
    if (!app || app.timers.detect)
      return
    app.timers.detect = this.clock.setTimeout(() => {
      app.timers.detect = undefined
      this.compareAndAct(app)
      this.changed()
    }, this.timings.driftDetection)
  }

  /** Health follows the live Deployment on every change of the cluster. */
  liveStatusChanged(): void {
    const app = this.apps.get(PODINFO_APP)
    if (!app)
      return
    const health = this.cluster.appHealth()
    if (health.status !== app.state.healthStatus) {
      app.state.healthStatus = health.status
      this.timeline.add('argocd', { kind: 'app.health', app: app.spec.name, health: health.status })
    }
  }

  resetSelfHealBackoff(): void {
    for (const app of this.apps.values())
      app.selfHealAttempts = 0
  }

  close(): void {
    this.closed = true
    for (const app of this.apps.values()) {
      for (const cancel of Object.values(app.timers))
        cancel?.()
    }
  }

  private require(name: string): AppModel {
    const app = this.apps.get(name)
    if (!app) {
      throw new Error(`no Application "${name}" (known: ${[
        ...this.apps.keys(),
      ].join(', ')})`)
    }
    return app
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString()
  }

  private schedulePoll(app: AppModel): void {
    app.timers.poll?.()
    app.timers.poll = this.clock.setTimeout(() => {
      app.timers.poll = undefined
      this.reconcile(app)
    }, this.timings.poll + this.random() * this.timings.pollJitter)
  }

  /** One reconciliation at a time per Application, like the controller's work queue. */
  private reconcile(app: AppModel): void {
    app.queue = app.queue.then(() => this.fetchAndCompare(app)).catch((error: unknown) => {
      app.state.syncStatus = 'Unknown'
      app.state.message = `ComparisonError: ${errorMessage(error)}`
      this.changed()
    })
  }

  private async fetchAndCompare(app: AppModel): Promise<void> {
    if (this.closed)
      return
    const head = await this.git.remoteHead()
    const desired = app.spec.name === PODINFO_APP
      ? await this.loadDesired(app, head)
      : undefined
    if (this.closed)
      return
    if (head !== app.state.revision) {
      this.timeline.add('argocd', {
        kind: 'app.revision',
        app: app.spec.name,
        sha: head,
        path: app.spec.sourcePath,
      })
    }
    app.state.revision = head
    app.desired = desired
    app.state.reconciledAt = this.isoNow()
    this.compareAndAct(app)
    this.schedulePoll(app)
    this.changed()
  }

  private async loadDesired(app: AppModel, revision: string): Promise<DesiredPodinfo> {
    const path = app.spec.sourcePath ?? ''
    const files = (await this.git.listFiles(revision, path)).filter(file => /\.ya?ml$/.test(file))
    let spec: PodinfoSpec | undefined
    const resources: ManifestResource[] = []
    for (const file of files) {
      const text = await this.git.readFile(revision, file)
      spec ??= parsePodinfoDeployment(text)
      resources.push(...parseManifestResources(text))
    }
    if (!spec)
      throw new Error(`no Deployment podinfo under ${path} at ${short(revision)}`)
    return { spec, resources }
  }

  /**
   * What differs from git (controller/state.go 920-930: a resource git declares that is not live is OutOfSync too);
   * undefined when nothing does.
   */
  private driftOf(app: AppModel): Drift | undefined {
    if (app.spec.name !== PODINFO_APP || !app.desired)
      return undefined
    const desired = app.desired.spec
    const liveNames = new Set(this.cluster.liveResources().map(resourceName))
    // In status.resources' order (controller/appcontroller.go 1938-1940: group/kind/namespace/name).
    const key = (resource: ManifestResource) => [
      resource.group,
      resource.kind,
      resource.namespace ?? '',
      resource.name,
    ].join('/')
    const missing = [...app.desired.resources]
      .sort((a, b) => key(a) < key(b)
        ? -1
        : key(a) > key(b)
          ? 1
          : 0)
      .map(resourceName)
      .filter(name => !liveNames.has(name))
    const live = this.cluster.liveSpec()
    const diffs: DriftField[] = []
    if (live && live.replicas !== desired.replicas) {
      diffs.push({
        field: 'replicas',
        git: String(desired.replicas),
        live: String(live.replicas),
      })
    }
    for (const key of ['image', 'color', 'message'] as const) {
      if (live && live.template[key] !== desired.template[key])
        diffs.push({ field: key, git: desired.template[key], live: live.template[key] })
    }
    return diffs.length > 0 || missing.length > 0
      ? { diffs, missing }
      : undefined
  }

  private compareAndAct(app: AppModel): void {
    const drift = this.driftOf(app)
    const status = drift ? 'OutOfSync' : 'Synced'
    if (status !== app.state.syncStatus) {
      this.timeline.add('argocd', drift
        ? {
            kind: 'app.outOfSync',
            app: app.spec.name,
            ...(drift.diffs.length > 0
              ? { diffs: drift.diffs }
              : { resources: drift.missing }),
          }
        : { kind: 'app.synced', app: app.spec.name, sha: app.state.revision })
    }
    app.state.syncStatus = status
    // As Argo CD's resource list says it (the live backend's wording too): the resources that are not there.
    app.state.message = drift?.missing.length
      ? `differs from git: ${drift.missing.join(', ')}`
      : undefined
    if (!drift || !app.spec.automated || app.state.operation?.phase === 'Running')
      return
    if (app.state.revision !== app.syncedRevision) {
      app.selfHealAttempts = 0
      this.startSync(app, 'automated')
    }
    else if (app.spec.automated.selfHeal) {
      this.scheduleSelfHeal(app)
    }
  }

  private scheduleSelfHeal(app: AppModel): void {
    if (app.timers.heal)
      return
    const sinceLastOperation = app.lastOperationFinishedAt === undefined
      ? Infinity
      : this.clock.now() - app.lastOperationFinishedAt
    const wait = Math.max(0, selfHealDelayMs(app.selfHealAttempts, this.timings.selfHealBackoff) - sinceLastOperation)
    if (wait > 0) {
      this.timeline.add('argocd', {
        kind: 'app.selfHealBackoff',
        app: app.spec.name,
        seconds: Math.round(wait / 1000),
        attempt: app.selfHealAttempts + 1,
      })
    }
    app.timers.heal = this.clock.setTimeout(() => {
      app.timers.heal = undefined
      if (app.state.syncStatus !== 'OutOfSync' || app.state.operation?.phase === 'Running')
        return
      app.selfHealAttempts++
      this.startSync(app, 'self-heal')
      this.changed()
    }, wait)
  }

  private startSync(app: AppModel, initiatedBy: NonNullable<Operation['initiatedBy']>): void {
    if (app.state.operation?.phase === 'Running')
      throw new Error('another operation is already in progress')
    app.timers.heal?.()
    app.timers.heal = undefined
    if (initiatedBy === 'manual')
      app.selfHealAttempts = 0
    app.state.operation = {
      phase: 'Running',
      message: 'one or more tasks are running',
      startedAt: this.isoNow(),
      initiatedBy,
    }
    this.timeline.add('argocd', {
      kind: 'app.syncStarted',
      app: app.spec.name,
      initiatedBy,
      attempt: initiatedBy === 'self-heal'
        ? app.selfHealAttempts
        : undefined,
    })
    this.attemptSync(app, initiatedBy, 0)
  }

  /** One attempt of the operation (`resolved`: the revision the first one resolved, which its retries keep). */
  private attemptSync(app: AppModel, initiatedBy: NonNullable<Operation['initiatedBy']>, retries: number, resolved?: string): void {
    let revision = resolved
    app.queue = app.queue
      .then(async () => {
        revision ??= initiatedBy === 'manual'
          ? await this.git.remoteHead()
          : app.state.revision ?? await this.git.remoteHead()
        const desired = app.spec.name === PODINFO_APP
          ? (revision === app.state.revision && app.desired
              ? app.desired
              : await this.loadDesired(app, revision))
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
        this.finishSync(app, revision, desired, 'Succeeded', 'successfully synced (all tasks run)')
      })
      .catch((error: unknown) => this.attemptFailed(app, initiatedBy, retries, revision, errorMessage(error)))
  }

  /**
   * A failed attempt, as Argo CD handles it (controller/appcontroller.go 1578-1600): with retries left the phase stays
   * Running and the next attempt starts after the backoff; else the operation fails, "(retried N times)." The retry is
   * the Application's, else the one autoSync gives an automated sync; a manual sync without one is not retried.
   */
  private attemptFailed(app: AppModel, initiatedBy: NonNullable<Operation['initiatedBy']>, retries: number, revision: string | undefined, message: string): void {
    if (this.closed)
      return
    const strategy = app.spec.retry ?? (initiatedBy === 'manual'
      ? undefined
      : automatedSyncRetry)
    const delay = retriesLeft(retries, strategy)
      ? syncRetryDelayMs(retries + 1, strategy)
      : undefined
    if (delay === undefined) {
      const reason = retries > 0
        ? `${message} (retried ${retries} times).`
        : message
      this.finishSync(app, revision ?? app.state.revision ?? '', app.desired, 'Failed', reason)
      return
    }
    const retry = retries + 1
    const limit = (strategy?.limit ?? 0) >= 0
      ? { limit: strategy?.limit ?? 0 }
      : {}
    const now = this.clock.now()
    app.state.operation = {
      ...app.state.operation!,
      // Argo CD's message names the time of one step less than its real wait (it uses the count before it adds one).
      message: `${message}. Retrying attempt #${retry} at ${kitchenTime(now + (syncRetryDelayMs(retries, strategy) ?? 0))}.`,
      finishedAt: this.isoNow(),
      retry: {
        count: retry,
        ...limit,
        nextAt: new Date(now + delay).toISOString(),
      },
    }
    this.timeline.add('argocd', {
      kind: 'app.syncRetrying',
      app: app.spec.name,
      retry,
      ...limit,
      seconds: Math.round(delay / 1000),
      reason: message,
    })
    this.changed()
    app.timers.retry = this.clock.setTimeout(() => {
      app.timers.retry = undefined
      const { finishedAt: _finished, ...waiting } = app.state.operation!
      app.state.operation = {
        ...waiting,
        message: `Retrying operation. Attempt #${retry}`,
        retry: { count: retry, ...limit },
      }
      this.timeline.add('argocd', {
        kind: 'app.syncRetryStarted',
        app: app.spec.name,
        retry,
        ...limit,
      })
      this.attemptSync(app, initiatedBy, retry, revision)
      this.changed()
    }, delay)
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

  private finishSync(app: AppModel, revision: string, desired: DesiredPodinfo | undefined, phase: 'Succeeded' | 'Failed', message: string): void {
    if (this.closed)
      return
    const operation = app.state.operation
    app.state.operation = {
      ...operation,
      phase,
      message,
      finishedAt: this.isoNow(),
    }
    app.lastOperationFinishedAt = this.clock.now()
    // A failed revision counts as attempted too: auto-sync does not loop on it; self-heal backs off.
    app.syncedRevision = revision
    if (phase === 'Succeeded') {
      app.state.revision = revision
      app.desired = desired
    }
    this.timeline.add('argocd', phase === 'Succeeded'
      ? { kind: 'app.syncSucceeded', app: app.spec.name, sha: revision }
      : { kind: 'app.syncFailed', app: app.spec.name, reason: message })
    this.compareAndAct(app)
    this.changed()
    // After an operation the controller refreshes: a commit pushed meanwhile is picked up now.
    this.reconcile(app)
  }
}
