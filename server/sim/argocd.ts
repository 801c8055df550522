import type { ApplicationSpec } from '../../common/manifests'
import type { ApplicationState } from '../../common/protocol'
import type { Timeline } from '../support/timeline'
import type { AppModel } from './app-model'
import type { Clock } from './clock'
import type { SimCluster } from './cluster'
import type { Drift } from './compare'
import type { DesiredPodinfo, RevisionSource } from './repo-server'
import type { SimTimings } from './timings'
import { PODINFO_APP } from '../../common/manifests'
import { errorMessage } from '../../common/text'
import { bootstrappedApp } from './app-model'
import { isoNow } from './clock'
import { compareWithLive } from './compare'
import { loadDesired } from './repo-server'
import { SelfHeal } from './self-heal'
import { SyncOperations } from './sync-operation'

/**
 * A modelled Argo CD application controller: compares git (at the branch head it last fetched)
 * with the modelled cluster, auto-syncs new revisions, self-heals drift with backoff, polls.
 */
export class SimArgoCd {
  private readonly apps = new Map<string, AppModel>()
  private readonly operations: SyncOperations
  private closed = false

  constructor(
    private readonly clock: Clock,
    private readonly timings: SimTimings,
    private readonly git: RevisionSource,
    private readonly cluster: SimCluster,
    private readonly timeline: Timeline,
    private readonly changed: () => void,
    private readonly random: () => number = Math.random,
  ) {
    this.operations = new SyncOperations(clock, timings, git, cluster, timeline, changed, (app) => {
      this.compare(app)
      this.changed()
      // An operation that ends asks for a refresh against git's latest revision (controller/appcontroller.go
      // 1602-1620): autoSync decides after it, so a commit pushed meanwhile is what it sees.
      this.reconcile(app)
    })
  }

  /** Everything starts Synced and Healthy at `revision`, as a freshly bootstrapped cluster. */
  start(specs: readonly ApplicationSpec[], revision: string, podinfo: DesiredPodinfo | undefined): void {
    const now = isoNow(this.clock)
    for (const spec of specs) {
      const desired = spec.name === PODINFO_APP
        ? podinfo
        : undefined
      const app = bootstrappedApp(spec, revision, desired, now, new SelfHeal(this.clock, this.timings.selfHealBackoff))
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
    this.operations.start(app, 'manual')
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
      app.selfHeal.attempts = 0
  }

  close(): void {
    this.closed = true
    this.operations.close()
    for (const app of this.apps.values()) {
      for (const cancel of Object.values(app.timers))
        cancel?.()
      app.selfHeal.cancel()
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
      ? await loadDesired(this.git, app.spec.sourcePath ?? '', head)
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
    app.state.reconciledAt = isoNow(this.clock)
    this.compareAndAct(app)
    this.schedulePoll(app)
    this.changed()
  }

  /** podinfo's drift from git; the other Applications are not modelled live, so never differ. */
  private driftOf(app: AppModel): Drift | undefined {
    if (app.spec.name !== PODINFO_APP || !app.desired)
      return undefined
    return compareWithLive(app.desired, this.cluster.liveResources(), this.cluster.liveSpec())
  }

  /** One reconciliation's comparison and autoSync, and the SyncError condition autoSync returns (ctl 1914-1926). */
  private compareAndAct(app: AppModel): void {
    const drift = this.compare(app)
    const syncError = this.autoSync(app, drift)
    if (syncError) {
      app.state.conditions = [
        { type: 'SyncError', message: syncError },
      ]
    }
    else {
      delete app.state.conditions
    }
    this.explain(app, drift)
  }

  /** The sync status: git against the live cluster. */
  private compare(app: AppModel): Drift | undefined {
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
    this.explain(app, drift)
    return drift
  }

  /**
   * What explains the sync status, as the live backend says it (kube/application-state.ts applicationMessage): the
   * resources that are not there, else the error condition.
   */
  private explain(app: AppModel, drift: Drift | undefined): void {
    app.state.message = drift?.missing.length
      ? `differs from git: ${drift.missing.join(', ')}`
      : drift
        ? app.state.conditions?.[0]?.message
        : undefined
  }

  /**
   * autoSync (controller/appcontroller.go 2227-2374) after a comparison that found `drift`; the SyncError message it
   * returns, if any. A revision the last sync did not go to is synced (2298, 2353). The same revision is not synced
   * again when that sync failed: SyncError "Failed last sync attempt to [<sha>]: <its message>" (2300-2305, `%s` of a
   * []string) until a new revision or a manual sync. When it succeeded, only by self-heal (2306-2309), and only once
   * the backoff has passed (2317-2323).
   */
  private autoSync(app: AppModel, drift: Drift | undefined): string | undefined {
    if (!drift || !app.spec.automated || app.state.operation?.phase === 'Running')
      return undefined
    const last = app.lastSync
    if (app.state.revision !== last.revision) {
      app.selfHeal.attempts = 0
      this.operations.start(app, 'automated')
      return undefined
    }
    if (last.phase === 'Failed')
      return `Failed last sync attempt to [${last.revision}]: ${last.message}`
    if (app.spec.automated.selfHeal)
      this.selfHealOrWait(app)
    return undefined
  }

  /**
   * A self-heal now, or, while the backoff lasts, a refresh from git at its end (ctl 2317-2321: requestAppRefresh with
   * CompareWithLatest after the remaining time): that reconciliation decides again, so a commit pushed during the wait
   * is auto-synced at its own revision rather than the old one healed.
   */
  private selfHealOrWait(app: AppModel): void {
    const remaining = app.selfHeal.remainingMs()
    if (remaining <= 0) {
      app.selfHeal.attempts++
      this.operations.start(app, 'self-heal')
      return
    }
    if (app.selfHeal.waitThen(remaining, () => this.reconcile(app))) {
      this.timeline.add('argocd', {
        kind: 'app.selfHealBackoff',
        app: app.spec.name,
        seconds: Math.round(remaining / 1000),
        attempt: app.selfHeal.attempts + 1,
      })
    }
  }
}
