import type { CoreV1Event, V1Deployment } from '@kubernetes/client-node'
import type { ActionRequest, ActionResult, ApiProblem, ApplicationState, ConnectionState, DemoState, GitState } from '../../common/protocol'
import type { Backend } from '../backend'
import type { ClusterAction } from '../kit/commands'
import type { Backoff } from './backoff'
import type { LoadedKubeconfig } from './config'
import type { InformerVerb } from './informers'
import type { ProbeState } from './probe'
import type { DemoTarget } from './resources'
import type { KubeTimeouts } from './timeouts'
import { join } from 'node:path'
import process from 'node:process'
import { applicationSource } from '../../common/manifests'
import { errorMessage } from '../../common/text'
import { apiProblemText } from '../../common/words/api-problems'
import { problemFields } from '../backend'
import { isGitAction, performGitAction } from '../git/git-actions'
import { remoteSettings } from '../git/git-env'
import { ChangeSignal } from '../kit/change-signal'
import { commandLine } from '../kit/commands'
import { gitReport } from '../kit/git-report'
import { formatSeconds, valueWithin, withinDeadline } from '../support/deadline'
import { Timeline } from '../support/timeline'
import { ClusterActions } from './actions'
import { readArgoCdVersion } from './argocd-version'
import { defaultBackoff } from './backoff'
import { loadKubeconfig } from './config'
import { LiveRepository, podinfoSource, withoutCredentials } from './git'
import { ApiProbe } from './probe'
import { defaultTarget } from './resources'
import { selfHealWait } from './self-heal'
import { deploymentHealth, mapApplication, mapPodinfo } from './state-mapper'
import { defaultTimeouts } from './timeouts'
import { describeApplicationChange, describeEvent, eventKey } from './transitions'
import { createDemoInformers } from './watched-resources'

export interface KubeBackendOptions {
  kubeconfig?: string
  context?: string
  /** --repo: the GitOps repository (URL or path); default: the podinfo Application's repoURL. */
  repo?: string
  /** The deck's checkout: apps/ (repoURL), the podinfo manifest reset goes back to, ./kubeconfig. */
  sourceRoot: string
  /** The demo's clone of the GitOps repository; default <sourceRoot>/.demo/repo. */
  workDir?: string
  env?: NodeJS.ProcessEnv
  backoff?: Partial<Backoff>
  target?: Partial<DemoTarget>
  /** Consecutive failures of a watch before the state says "down" rather than "reconnecting". */
  downAfterFailures?: number
  /** How long start() waits for the first lists before it lets the server answer anyway. */
  startTimeoutMs?: number
  /** Deadlines of API requests, git commands and actions, and the /readyz probe. */
  timeouts?: Partial<KubeTimeouts>
}

/** The live ops-demo: state from watches on the cluster, actions through its API and git. */
export class KubeBackend implements Backend {
  readonly mode = 'live' as const
  private readonly changes = new ChangeSignal()
  private readonly timeline = new Timeline()
  private readonly target: DemoTarget
  private readonly backoff: Backoff
  private readonly timeouts: KubeTimeouts
  private probe: ApiProbe | undefined
  /** The informers are stopped while the probe says the API is down; they relist when it answers again. */
  private suspended = false
  /** The work of the action being performed: the next one starts after it, even when its ack already timed out. */
  private settled: Promise<void> = Promise.resolve()
  private kube: LoadedKubeconfig | undefined
  private informers: ReturnType<typeof createDemoInformers> | undefined
  private actions: ClusterActions | undefined
  private readonly applications = new Map<string, ApplicationState>()
  private applicationsAnnounced = false
  private readonly seenEvents = new Set<string>()
  /** Self-heal waits already on the timeline. */
  private readonly announcedWaits = new Set<string>()
  private lastConnection: ConnectionState = 'reconnecting'
  /** "unreachable" is on the timeline; "reachable again" may follow. */
  private downAnnounced = false
  private git: GitState
  private repository: Promise<LiveRepository | undefined> = Promise.resolve(undefined)
  private gitError: Error | undefined
  private closed = false
  private backgroundGit: Promise<void> = Promise.resolve()
  /** Revisions Argo CD reported that the clone did not have: fetched once each. */
  private readonly followedRevisions = new Set<string>()

  constructor(private readonly options: KubeBackendOptions) {
    this.target = {
      ...defaultTarget,
      ...options.target,
    }
    this.backoff = {
      ...defaultBackoff,
      ...options.backoff,
    }
    this.timeouts = {
      ...defaultTimeouts,
      ...options.timeouts,
    }
    this.git = {
      remote: withoutCredentials(options.repo ?? ''),
      branch: 'main',
      head: '',
      log: [],
    }
  }

  async start(): Promise<void> {
    const kube = loadKubeconfig({
      kubeconfig: this.options.kubeconfig,
      context: this.options.context,
      env: this.options.env ?? process.env,
      repoRoot: this.options.sourceRoot,
    })
    this.kube = kube
    this.actions = new ClusterActions(kube.config, this.target, this.timeouts.requestMs)
    this.informers = createDemoInformers(kube.config, this.target, this.backoff, this.timeouts.requestMs, {
      applications: () => this.applicationsChanged(),
      deployments: () => this.applicationsChanged(),
      replicaSets: () => this.emitChange(),
      pods: () => this.emitChange(),
      events: (verb, event) => this.eventSeen(verb, event),
      health: () => this.healthChanged(),
    })
    this.probe = new ApiProbe(kube.config, {
      intervalMs: this.timeouts.probeIntervalMs,
      timeoutMs: this.timeouts.probeTimeoutMs,
      onChange: state => this.probeChanged(state),
    })
    this.probe.start()
    const started = Promise.all(this.informers.all.map(informer => informer.start()))
    this.repository = this.openRepository(started.catch(() => undefined))
    await valueWithin(started, this.startTimeoutMs, undefined)
    this.healthChanged()
  }

  /** How long start() waits for the first lists (and the clone for podinfo's source) before it goes on. */
  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? 5000
  }

  connection(): ConnectionState {
    return this.connectionAndReason().connection
  }

  async argoCdVersion(): Promise<string | undefined> {
    return this.kube && readArgoCdVersion(this.kube.config, this.target.argocdNamespace)
  }

  onChange(listener: () => void): () => void {
    return this.changes.on(listener)
  }

  getState(): DemoState {
    const { connection, reason } = this.connectionAndReason()
    const informers = this.informers
    return {
      mode: this.mode,
      cluster: {
        name: this.kube?.context ?? 'kubernetes',
        connection,
        message: reason,
      },
      applications: [
        ...this.applications.values(),
      ],
      podinfo: mapPodinfo(this.podinfoDeployment(), informers?.replicaSets.list() ?? [], informers?.pods.list() ?? []),
      git: this.git,
      timeline: this.timeline.list(),
      updatedAt: new Date().toISOString(),
    }
  }

  /**
   * Every action has a deadline (an API request's, or a git action's), so a hung API or remote cannot
   * hold the actions queued behind it. Work never overlaps: one that outlives its ack delays the next.
   */
  async perform(request: ActionRequest): Promise<ActionResult> {
    // A cluster action is at most two requests (app.sync reads, then patches).
    const ms = isGitAction(request)
      ? this.timeouts.gitActionMs
      : this.timeouts.requestMs * 2 + 1000
    const work = this.settled.then(() => this.performNow(request))
    this.settled = work.then(() => {}, () => {})
    return withinDeadline(work, ms, () => `${request.type}: no result in ${formatSeconds(ms)}; check the connection to the cluster and the git remote`)
  }

  private async performNow(request: ActionRequest): Promise<ActionResult> {
    const actions = this.actions
    if (!actions)
      throw new Error('the kube backend is not started yet')
    try {
      switch (request.type) {
        case 'drift.scale':
          this.presenter(request)
          await actions.scale(request.replicas)
          return {}
        case 'drift.setColor':
          this.presenter(request)
          await actions.setColor(request.color)
          return {}
        case 'drift.deletePod': {
          const name = this.podToDelete(request.pod)
          this.presenter(request, name)
          await actions.deletePod(name)
          return {}
        }
        case 'app.refresh':
          this.requireApplication(request.app)
          this.presenter(request)
          await actions.refresh(request.app)
          return {}
        case 'app.sync': {
          if (this.requireApplication(request.app).operation?.phase === 'Running')
            throw new Error(`${request.app}: a sync is already running`)
          this.presenter(request)
          await actions.sync(request.app)
          return {}
        }
        case 'git.setColor':
        case 'git.revert':
        case 'git.race':
        case 'demo.reset':
          return await performGitAction(request, await this.requireRepository(), this.gitReport)
      }
    }
    finally {
      this.emitChange()
    }
  }

  async close(): Promise<void> {
    this.closed = true
    this.probe?.stop()
    await Promise.all(this.informers?.all.map(informer => informer.stop()) ?? [])
    await this.repository.catch(() => undefined)
    await this.backgroundGit
    this.changes.clear()
  }

  private readonly gitReport = gitReport({
    timeline: this.timeline,
    changed: () => this.emitChange(),
    readGit: async () => {
      const repository = await this.requireRepository()
      this.git = await repository.state()
      return { log: this.git.log, branch: repository.branch }
    },
    refresh: () => this.refreshAfterPush(),
  })

  /** After a push Argo CD is asked to refresh instead of polling (120 s + jitter); a refusal is on the timeline. */
  private async refreshAfterPush(): Promise<void> {
    try {
      await this.actions?.refresh(this.target.podinfoApp)
    }
    catch (error) {
      this.timeline.add('argocd', {
        kind: 'app.refreshFailed',
        app: this.target.podinfoApp,
        reason: errorMessage(error),
      })
    }
  }

  /**
   * The source Argo CD follows for podinfo: the Application in the cluster (once listed), else the deck's
   * apps/apps/podinfo.yaml (the same values, written by scripts/set-repo.sh).
   */
  private async podinfoSourceInUse(listed: Promise<unknown>): Promise<{ repoURL?: string, targetRevision?: string }> {
    await valueWithin(listed, this.startTimeoutMs, undefined)
    const app = this.informers?.applications.list().find(candidate => candidate.metadata?.name === this.target.podinfoApp)
    return applicationSource(app?.spec) ?? await podinfoSource(this.options.sourceRoot, this.target.podinfoApp) ?? {}
  }

  private async openRepository(listed: Promise<unknown>): Promise<LiveRepository | undefined> {
    const source = await this.podinfoSourceInUse(listed)
    const repo = this.options.repo ?? source.repoURL
    if (!repo) {
      this.gitError = new Error(`no repository: pass --repo URL|PATH (apps/apps/podinfo.yaml names none)`)
      return undefined
    }
    this.git = {
      ...this.git,
      remote: withoutCredentials(repo),
    }
    try {
      const repository = await LiveRepository.open({
        repo,
        workDir: this.options.workDir ?? join(this.options.sourceRoot, '.demo', 'repo'),
        sourceRoot: this.options.sourceRoot,
        targetRevision: source.targetRevision,
        appName: this.target.podinfoApp,
        remote: await remoteSettings(this.timeouts.gitCommandMs),
      })
      this.git = await repository.state()
      this.emitChange()
      return repository
    }
    catch (error) {
      this.gitError = error instanceof Error
        ? error
        : new Error(String(error))
      this.timeline.add('git', {
        kind: 'git.unavailable',
        reason: this.gitError.message,
        ...problemFields(error),
      })
      this.emitChange()
      return undefined
    }
  }

  private async requireRepository(): Promise<LiveRepository> {
    const repository = await this.repository
    if (!repository)
      throw this.gitError ?? new Error('no git repository')
    return repository
  }

  /** A revision git does not show yet (someone pushed elsewhere): fetch, so the panel matches Argo CD. */
  private followRevision(revision: string | undefined): void {
    if (!revision || this.git.log.some(commit => commit.sha === revision) || this.followedRevisions.has(revision))
      return
    this.followedRevisions.add(revision)
    // In line with the actions (two fetches into one clone fail to lock its refs), and awaited by
    // close(): a fetch still writing into the clone must not race its removal.
    const work = this.settled.then(async () => {
      const repository = await this.repository
      if (!repository || this.closed)
        return
      await repository.fetch()
      this.git = await repository.state()
      this.emitChange()
    }).catch(() => {})
    this.settled = work
    this.backgroundGit = this.backgroundGit.then(() => work)
  }

  private podinfoDeployment(): V1Deployment | undefined {
    return this.informers?.deployments.list().find(candidate => candidate.metadata?.name === this.target.deployment)
  }

  private applicationsChanged(): void {
    const informers = this.informers
    if (!informers)
      return
    const workloadHealth = deploymentHealth(this.podinfoDeployment())
    const next = new Map(informers.applications.list()
      .map(app => mapApplication(app, app.metadata?.name === this.target.podinfoApp
        ? workloadHealth
        : undefined))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(state => [state.name, state]))
    if (!this.applicationsAnnounced && informers.applications.health.synced) {
      this.applicationsAnnounced = true
      const states = [
        ...next.values(),
      ]
      const synced = states.filter(app => app.syncStatus === 'Synced' && app.healthStatus === 'Healthy').length
      this.timeline.add('argocd', { kind: 'apps.summary', count: states.length, healthy: synced })
    }
    else if (this.applicationsAnnounced) {
      const raw = new Map(informers.applications.list().map(app => [app.metadata?.name ?? '', app]))
      for (const [name, state] of next) {
        const app = raw.get(name)
        const attempt = (app?.operation ?? app?.status?.operationState?.operation)?.sync?.autoHealAttemptsCount
        for (const event of describeApplicationChange(this.applications.get(name), state, attempt))
          this.timeline.add('argocd', event)
        const wait = app && selfHealWait(app, Date.now())
        if (wait && !this.announcedWaits.has(wait.key)) {
          this.announcedWaits.add(wait.key)
          this.timeline.add('argocd', {
            kind: 'app.selfHealBackoff',
            app: name,
            seconds: wait.seconds,
            attempt: wait.attempt,
          })
        }
      }
      for (const name of this.applications.keys()) {
        if (!next.has(name))
          this.timeline.add('argocd', { kind: 'app.deleted', app: name })
      }
    }
    this.applications.clear()
    for (const [name, state] of next)
      this.applications.set(name, state)
    this.followRevision(next.get(this.target.podinfoApp)?.revision)
    this.emitChange()
  }

  private eventSeen(verb: InformerVerb, event: CoreV1Event): void {
    if (verb === 'delete')
      return
    const key = eventKey(event)
    if (this.seenEvents.has(key))
      return
    this.seenEvents.add(key)
    // Events already there at the first list are history, not news.
    if (this.informers?.events.health.synced)
      this.timeline.add('kubernetes', describeEvent(event))
    this.emitChange()
  }

  private probeChanged(state: ProbeState): void {
    const informers = this.informers?.all ?? []
    if (!state.ok && state.failures >= this.timeouts.probeFailuresForDown && !this.suspended) {
      this.suspended = true
      for (const informer of informers)
        void informer.suspend()
    }
    else if (state.ok && this.suspended) {
      this.suspended = false
      for (const informer of informers)
        void informer.resume()
    }
    this.healthChanged()
  }

  private healthChanged(): void {
    const { connection, reason, problem } = this.connectionAndReason()
    if (connection !== this.lastConnection) {
      if (connection === 'connected' && this.downAnnounced) {
        this.timeline.add('kubernetes', { kind: 'api.up' })
        this.downAnnounced = false
      }
      else if (connection === 'down' && !this.downAnnounced) {
        this.timeline.add('kubernetes', {
          kind: 'api.down',
          reason: reason ?? 'unknown error',
          ...problem
            ? { problem }
            : {},
        })
        this.downAnnounced = true
      }
      this.lastConnection = connection
    }
    this.applicationsChanged()
  }

  /** The reason names the API server once; the deck's words say "Kubernetes API unreachable". */
  private connectionAndReason(): { connection: ConnectionState, reason?: string, problem?: ApiProblem } {
    const informers = this.informers?.all ?? []
    if (informers.length === 0)
      return { connection: 'reconnecting', reason: 'not started' }
    const server = this.kube?.server ?? 'the Kubernetes API'
    const unreachable = (connection: ConnectionState, problem: ApiProblem) => ({
      connection,
      reason: `${server}: ${apiProblemText(problem, 'en')}; retrying`,
      problem,
    })
    const probe = this.probe?.state
    if (probe && !probe.ok) {
      return unreachable(probe.failures >= this.timeouts.probeFailuresForDown
        ? 'down'
        : 'reconnecting', probe.problem ?? { kind: 'failed', detail: 'unknown error' })
    }
    const failing = informers.find(informer => !informer.health.ok && informer.health.failures > 0)
    if (!failing) {
      return informers.every(informer => informer.health.ok)
        ? { connection: 'connected' }
        : { connection: 'reconnecting', reason: 'listing the cluster' }
    }
    const { failures, synced, reason } = failing.health
    const down = !synced || failures >= (this.options.downAfterFailures ?? 3)
    return unreachable(down
      ? 'down'
      : 'reconnecting', { kind: 'listFailed', resource: failing.name, detail: reason ?? 'unknown error' })
  }

  private podToDelete(requested: string | undefined): string {
    const pods = this.informers?.pods.list() ?? []
    const name = requested ?? pods.find(pod => !pod.metadata?.deletionTimestamp)?.metadata?.name
    if (!name || !pods.some(pod => pod.metadata?.name === name)) {
      throw new Error(requested
        ? `no pod ${requested} in ${this.target.namespace}`
        : `no running pod in ${this.target.namespace} to delete`)
    }
    return name
  }

  private requireApplication(name: string): ApplicationState {
    const app = this.applications.get(name)
    if (!app)
      throw new Error(`no Application ${name} in ${this.target.argocdNamespace}`)
    return app
  }

  private presenter(request: ClusterAction, pod?: string): void {
    const { namespace, deployment } = this.target
    this.timeline.add('presenter', {
      kind: 'command',
      command: commandLine(request, { namespace, deployment, pod }),
    })
  }

  private emitChange(): void {
    if (!this.closed)
      this.changes.emit()
  }
}
