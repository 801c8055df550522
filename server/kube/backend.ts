import type { CoreV1Event, V1Deployment } from '@kubernetes/client-node'
import type { ActionRequest, ActionResult, ApplicationState, ConnectionState, DemoState } from '../../common/protocol'
import type { Backend } from '../backend'
import type { ClusterAction } from '../kit/commands'
import type { Backoff } from './backoff'
import type { LoadedKubeconfig } from './config'
import type { ConnectionReport } from './connection'
import type { GitSource } from './git'
import type { InformerVerb } from './informers'
import type { KubeBackendOptions } from './options'
import type { DemoTarget } from './resources'
import type { KubeTimeouts } from './timeouts'
import { join } from 'node:path'
import process from 'node:process'
import { applicationSource } from '../../common/manifests'
import { isGitAction, performGitAction } from '../git/git-actions'
import { ChangeSignal } from '../kit/change-signal'
import { commandLine } from '../kit/commands'
import { formatSeconds, valueWithin, withinDeadline } from '../support/deadline'
import { Timeline } from '../support/timeline'
import { ClusterActions, podToDelete } from './actions'
import { readArgoCdVersion } from './argocd-version'
import { defaultBackoff } from './backoff'
import { loadKubeconfig } from './config'
import { ClusterConnection } from './connection'
import { podinfoSource } from './git'
import { LiveGit } from './live-git'
import { ApplicationNarrator, EventNarrator } from './narrator'
import { defaultTarget } from './resources'
import { deploymentHealth, mapPodinfo } from './state-mapper'
import { defaultTimeouts } from './timeouts'
import { createDemoInformers } from './watched-resources'

/** The live ops-demo: state from watches on the cluster, actions through its API and git. */
export class KubeBackend implements Backend {
  readonly mode = 'live' as const
  private readonly changes = new ChangeSignal()
  private readonly timeline: Timeline
  private readonly target: DemoTarget
  private readonly backoff: Backoff
  private readonly timeouts: KubeTimeouts
  private connectionWatch: ClusterConnection | undefined
  /** The work of the action being performed: the next one starts after it, even when its ack already timed out. */
  private settled: Promise<void> = Promise.resolve()
  private kube: LoadedKubeconfig | undefined
  private informers: ReturnType<typeof createDemoInformers> | undefined
  private actions: ClusterActions | undefined
  private readonly narrator: ApplicationNarrator
  private readonly events = new EventNarrator()
  private readonly git: LiveGit
  private closed = false

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
    this.timeline = new Timeline(this.now)
    this.narrator = new ApplicationNarrator(this.target.podinfoApp)
    this.git = new LiveGit({
      repo: options.repo,
      workDir: options.workDir ?? join(options.sourceRoot, '.demo', 'repo'),
      sourceRoot: options.sourceRoot,
      podinfoApp: this.target.podinfoApp,
      gitCommandMs: this.timeouts.gitCommandMs,
      add: (source, event) => this.timeline.add(source, event),
      changed: () => this.emitChange(),
      inLine: work => this.inLine(work),
      refresh: async () => this.actions?.refresh(this.target.podinfoApp),
    }, this.timeline)
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
    this.connectionWatch = new ClusterConnection({
      config: kube.config,
      server: kube.server,
      informers: () => this.informers?.all ?? [],
      timeouts: this.timeouts,
      downAfterFailures: this.options.downAfterFailures ?? 3,
      changed: () => this.healthChanged(),
    })
    this.connectionWatch.start()
    const started = Promise.all(this.informers.all.map(informer => informer.start()))
    this.git.open(this.podinfoSourceInUse(started.catch(() => undefined)))
    await valueWithin(started, this.startTimeoutMs, undefined)
    this.healthChanged()
  }

  private get now(): () => number {
    return this.options.now ?? Date.now
  }

  /** How long start() waits for the first lists (and the clone for podinfo's source) before it goes on. */
  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? 5000
  }

  connection(): ConnectionState {
    return this.connectionReport().connection
  }

  async argoCdVersion(): Promise<string | undefined> {
    return this.kube && readArgoCdVersion(this.kube.config, this.target.argocdNamespace)
  }

  onChange(listener: () => void): () => void {
    return this.changes.on(listener)
  }

  getState(): DemoState {
    const { connection, reason } = this.connectionReport()
    const informers = this.informers
    return {
      mode: this.mode,
      cluster: {
        name: this.kube?.context ?? 'kubernetes',
        connection,
        message: reason,
      },
      applications: this.narrator.states,
      podinfo: mapPodinfo(this.podinfoDeployment(), informers?.replicaSets.list() ?? [], informers?.pods.list() ?? []),
      git: this.git.state,
      timeline: this.timeline.list(),
      updatedAt: new Date(this.now()).toISOString(),
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
    const work = this.inLine(() => this.performNow(request))
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
          const name = podToDelete(this.informers?.pods.list() ?? [], request.pod, this.target.namespace)
          this.presenter(request, name)
          await actions.deletePod(name)
          return {}
        }
        case 'drift.deleteNamespace':
          throw new Error('not yet')
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
          return await performGitAction(request, await this.git.require(), this.git.report)
      }
    }
    finally {
      this.emitChange()
    }
  }

  async close(): Promise<void> {
    this.closed = true
    this.connectionWatch?.stop()
    await Promise.all(this.informers?.all.map(informer => informer.stop()) ?? [])
    await this.git.close()
    this.changes.clear()
  }

  /**
   * The source Argo CD follows for podinfo: the Application in the cluster (once listed), else the deck's
   * apps/apps/podinfo.yaml (the same values, written by scripts/set-repo.sh).
   */
  private async podinfoSourceInUse(listed: Promise<unknown>): Promise<GitSource> {
    await valueWithin(listed, this.startTimeoutMs, undefined)
    const app = this.informers?.applications.list().find(candidate => candidate.metadata?.name === this.target.podinfoApp)
    return applicationSource(app?.spec) ?? await podinfoSource(this.options.sourceRoot, this.target.podinfoApp) ?? {}
  }

  /** Actions run one after another, and so does a fetch of the clone: `work` starts after what runs now. */
  private inLine<T>(work: () => Promise<T>): Promise<T> {
    const result = this.settled.then(work)
    this.settled = result.then(() => {}, () => {})
    return result
  }

  private podinfoDeployment(): V1Deployment | undefined {
    return this.informers?.deployments.list().find(candidate => candidate.metadata?.name === this.target.deployment)
  }

  private applicationsChanged(): void {
    const informers = this.informers
    if (!informers)
      return
    const events = this.narrator.update(informers.applications.list(), informers.applications.health.synced, deploymentHealth(this.podinfoDeployment()), this.now())
    for (const event of events)
      this.timeline.add('argocd', event)
    this.git.follow(this.narrator.get(this.target.podinfoApp)?.revision)
    this.emitChange()
  }

  private eventSeen(verb: InformerVerb, event: CoreV1Event): void {
    const news = this.events.seen(verb, event, this.informers?.events.health.synced === true)
    if (!news)
      return
    this.timeline.add('kubernetes', news)
    this.emitChange()
  }

  private healthChanged(): void {
    for (const event of this.connectionWatch?.transitions() ?? [])
      this.timeline.add('kubernetes', event)
    this.applicationsChanged()
  }

  private connectionReport(): ConnectionReport {
    return this.connectionWatch?.report() ?? { connection: 'reconnecting', reason: 'not started' }
  }

  private requireApplication(name: string): ApplicationState {
    const app = this.narrator.get(name)
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
