import type { V1Deployment } from '@kubernetes/client-node'
import type { ActionRequest, ActionResult, ConnectionState, DemoState, PodinfoState, TimelineEvent } from '../../common/protocol'
import type { Backend } from '../backend'
import type { Backoff } from './backoff'
import type { LoadedKubeconfig } from './config'
import type { ConnectionReport } from './connection'
import type { KubeBackendOptions } from './options'
import type { DemoTarget } from './resources'
import type { KubeTimeouts } from './timeouts'
import { join } from 'node:path'
import process from 'node:process'
import { isGitAction, performGitAction } from '../git/git-actions'
import { ChangeSignal } from '../kit/change-signal'
import { formatSeconds, valueWithin, withinDeadline } from '../support/deadline'
import { Timeline } from '../support/timeline'
import { ClusterActions } from './actions'
import { readArgoCdVersion } from './argocd-version'
import { ClusterRequests } from './cluster-requests'
import { loadKubeconfig } from './config'
import { ClusterConnection } from './connection'
import { podinfoSourceInUse } from './git'
import { LiveGit } from './live-git'
import { NamespaceNarrator, namespacePhase } from './namespace-watch'
import { ApplicationNarrator, EventNarrator } from './narrator'
import { withDefaults } from './options'
import { deploymentHealth, mapPodinfo } from './state-mapper'
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
  private readonly namespaces = new NamespaceNarrator()
  private requests: ClusterRequests | undefined
  private readonly git: LiveGit
  private closed = false

  constructor(private readonly options: KubeBackendOptions) {
    const { target, backoff, timeouts } = withDefaults(options)
    this.target = target
    this.backoff = backoff
    this.timeouts = timeouts
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
    const actions = new ClusterActions(kube.config, this.target, this.timeouts.requestMs)
    this.actions = actions
    const informers = createDemoInformers(kube.config, this.target, this.backoff, this.timeouts.requestMs, {
      applications: () => this.applicationsChanged(),
      deployments: () => this.applicationsChanged(),
      replicaSets: () => this.emitChange(),
      pods: () => this.emitChange(),
      events: (verb, event) => this.narrate(this.events.seen(verb, event, informers.events.health.synced)),
      namespaces: (verb, namespace) => this.narrate(this.namespaces.seen(verb, namespace, informers.namespaces.health.synced)),
      health: () => this.healthChanged(),
    })
    this.informers = informers
    const { narrator, timeline, target } = this
    this.requests = new ClusterRequests({
      config: kube.config,
      actions,
      informers,
      narrator,
      timeline,
      target,
      requestMs: this.timeouts.requestMs,
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
    const listed = valueWithin(started.catch(() => undefined), this.startTimeoutMs, undefined)
    this.git.open(listed.then(() => podinfoSourceInUse(informers.applications.list(), this.options.sourceRoot, this.target.podinfoApp)))
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
    return {
      mode: this.mode,
      cluster: {
        name: this.kube?.context ?? 'kubernetes',
        connection,
        message: reason,
      },
      applications: this.narrator.states,
      podinfo: this.podinfo(),
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
    const requests = this.requests
    if (!requests)
      throw new Error('the kube backend is not started yet')
    try {
      if (isGitAction(request))
        return await performGitAction(request, await this.git.require(), this.git.report)
      await requests.perform(request)
      return {}
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

  /** Actions run one after another, and so does a fetch of the clone: `work` starts after what runs now. */
  private inLine<T>(work: () => Promise<T>): Promise<T> {
    const result = this.settled.then(work)
    this.settled = result.then(() => {}, () => {})
    return result
  }

  private podinfo(): PodinfoState {
    const informers = this.informers
    const podinfo = mapPodinfo(this.podinfoDeployment(), informers?.replicaSets.list() ?? [], informers?.pods.list() ?? [])
    const phase = informers && namespacePhase(informers.namespaces.list(), informers.namespaces.health.synced)
    return phase
      ? {
          ...podinfo,
          namespace: { name: this.target.namespace, phase },
        }
      : podinfo
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

  private narrate(news: TimelineEvent | undefined): void {
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

  private emitChange(): void {
    if (!this.closed)
      this.changes.emit()
  }
}
