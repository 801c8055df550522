import type { ApplicationSpec } from '../../common/manifests'
import type { ActionRequest, ActionResult, CommitInfo, ConnectionState, DemoState, GitState } from '../../common/protocol'
import type { Backend } from '../backend'
import type { ClusterAction } from '../kit/commands'
import type { Clock } from './clock'
import type { DesiredPodinfo } from './repo-server'
import type { SimTimings } from './timings'
import { desiredPodinfo, parseApplications, parseManifestResources, parsePodinfoDeployment, PODINFO_APP, PODINFO_DEPLOYMENT_PATH, PODINFO_NAMESPACE } from '../../common/manifests'
import { RefusedError } from '../backend'
import { performGitAction } from '../git/git-actions'
import { DemoRepository } from '../git/repository'
import { ChangeSignal } from '../kit/change-signal'
import { commandLine } from '../kit/commands'
import { gitReport } from '../kit/git-report'
import { namespaceDeletionRefusal } from '../kit/namespace-deletion'
import { Timeline } from '../support/timeline'
import { SimArgoCd } from './argocd'
import { createScaledClock } from './clock'
import { SimCluster } from './cluster'
import { InFlightReads } from './in-flight'
import { defaultTimings } from './timings'

export interface SimBackendOptions {
  /** The folder holding the apps/ and manifests/ to start from (this repository's root). */
  sourceRoot: string
  speed?: number
  clock?: Clock
  timings?: Partial<SimTimings>
  /** Pod names and Argo CD's poll jitter (0 ≤ x < 1); default random. A seeded one makes a run reproducible. */
  random?: () => number
}

/** The embedded ops-demo: a real git repository, a modelled Argo CD, a modelled cluster. */
export class SimBackend implements Backend {
  readonly mode = 'simulated' as const
  private readonly clock: Clock
  private readonly timings: SimTimings
  private readonly changes = new ChangeSignal()
  private readonly timeline = new Timeline(() => this.clock.now())
  private readonly cluster: SimCluster
  private repository: DemoRepository | undefined
  private argocd: SimArgoCd | undefined
  private gitLog: CommitInfo[] = []
  private head = ''
  private desired: GitState['desired']
  private readonly reads = new InFlightReads()

  constructor(private readonly options: SimBackendOptions) {
    this.clock = options.clock ?? createScaledClock(options.speed ?? 1)
    this.timings = {
      ...defaultTimings,
      ...options.timings,
    }
    this.cluster = new SimCluster(this.clock, this.timings, {
      changed: () => {
        this.argocd?.liveStatusChanged()
        this.emitChange()
      },
      specChanged: () => this.argocd?.liveSpecChanged(),
      event: event => this.timeline.add('kubernetes', event),
    }, options.random)
  }

  async start(): Promise<void> {
    const repository = await DemoRepository.create(this.options.sourceRoot)
    this.repository = repository
    const head = await repository.remoteHead()
    const applications = await this.readApplications(repository, head)
    const podinfoApp = applications.find(app => app.name === PODINFO_APP)
    if (!podinfoApp)
      throw new Error(`no Application "${PODINFO_APP}" under apps/`)
    const podinfo = await this.readPodinfo(repository, head, podinfoApp.sourcePath)
    this.cluster.bootstrap(podinfo.spec, podinfo.resources)
    this.argocd = new SimArgoCd(this.clock, this.timings, this.reads.track(repository), this.cluster, this.timeline, () => this.emitChange(), this.options.random)
    this.argocd.start(applications, head, podinfo)
    await this.refreshGitState()
    this.timeline.add('argocd', {
      kind: 'apps.summary',
      count: applications.length,
      healthy: applications.length,
      sha: head,
    })
  }

  connection(): ConnectionState {
    return 'connected'
  }

  onChange(listener: () => void): () => void {
    return this.changes.on(listener)
  }

  getState(): DemoState {
    return {
      mode: this.mode,
      speed: this.options.clock
        ? undefined
        : this.options.speed ?? 1,
      cluster: {
        name: 'ops-demo (simulated)',
        connection: this.connection(),
      },
      applications: this.argocd?.snapshot() ?? [],
      podinfo: this.cluster.snapshot(),
      git: {
        remote: this.repository?.remoteUrl ?? '',
        branch: this.repository?.branch ?? 'main',
        head: this.head,
        log: this.gitLog,
        lastDiff: this.repository?.lastDiff,
        desired: this.desired,
      },
      timeline: this.timeline.list(),
      updatedAt: new Date(this.clock.now()).toISOString(),
    }
  }

  async perform(request: ActionRequest): Promise<ActionResult> {
    const argocd = this.argocd
    const repository = this.repository
    if (!argocd || !repository)
      throw new Error('the simulation is not started yet')
    try {
      switch (request.type) {
        case 'drift.scale':
          this.presenter(request)
          this.cluster.scale(request.replicas)
          return {}
        case 'drift.setColor':
          this.presenter(request)
          this.cluster.setTemplate({ color: request.color })
          return {}
        case 'drift.deletePod': {
          const name = this.cluster.podToDelete(request.pod)
          this.presenter(request, name)
          this.cluster.deletePod(name)
          return {}
        }
        case 'drift.deleteNamespace': {
          const { spec, state } = argocd.application(PODINFO_APP)
          const refusal = namespaceDeletionRefusal({
            app: PODINFO_APP,
            namespace: PODINFO_NAMESPACE,
            syncOptions: spec.syncOptions,
            selfHeal: spec.automated?.selfHeal === true,
            sync: state.syncStatus,
            health: state.healthStatus,
            phase: this.cluster.namespacePhase(),
          })
          if (refusal)
            throw new RefusedError(refusal)
          this.presenter(request)
          this.cluster.deleteNamespace()
          return {}
        }
        case 'app.refresh':
          argocd.refresh(request.app)
          this.presenter(request)
          return {}
        case 'app.sync':
          argocd.sync(request.app)
          this.presenter(request)
          return {}
        case 'demo.reset':
          argocd.resetSelfHealBackoff()
          return await performGitAction(request, repository, this.gitReport)
        case 'git.setColor':
        case 'git.revert':
        case 'git.race':
          return await performGitAction(request, repository, this.gitReport)
      }
    }
    finally {
      this.emitChange()
    }
  }

  /** Resolves when the modelled Argo CD reads no git; with a manual clock, the model then waits only on that clock. */
  idle(): Promise<void> {
    return this.reads.idle()
  }

  async close(): Promise<void> {
    this.argocd?.close()
    this.cluster.close()
    this.changes.clear()
    await this.repository?.dispose()
  }

  private readonly gitReport = gitReport({
    timeline: this.timeline,
    changed: () => this.emitChange(),
    readGit: async () => {
      await this.refreshGitState()
      return { log: this.gitLog, branch: this.requireRepository().branch }
    },
    refresh: () => this.argocd?.refresh(PODINFO_APP),
  })

  private async refreshGitState(): Promise<void> {
    const repository = this.requireRepository()
    this.gitLog = await repository.log()
    this.head = this.gitLog[0]?.sha ?? await repository.remoteHead()
    this.desired = desiredPodinfo(await repository.readFile(this.head, PODINFO_DEPLOYMENT_PATH))
  }

  /** podinfo's Deployment and every resource under its Application's path, as git holds them at `revision`. */
  private async readPodinfo(repository: DemoRepository, revision: string, path = 'manifests/apps/podinfo'): Promise<DesiredPodinfo> {
    const spec = parsePodinfoDeployment(await repository.readFile(revision, PODINFO_DEPLOYMENT_PATH))
    if (!spec)
      throw new Error(`no Deployment podinfo in ${PODINFO_DEPLOYMENT_PATH}`)
    const files = (await repository.listFiles(revision, path)).filter(file => /\.ya?ml$/.test(file)).sort()
    const resources = (await Promise.all(files.map(async file => parseManifestResources(await repository.readFile(revision, file))))).flat()
    return { spec, resources }
  }

  private async readApplications(repository: DemoRepository, revision: string): Promise<ApplicationSpec[]> {
    const files = (await repository.listFiles(revision, 'apps')).filter(file => /\.ya?ml$/.test(file)).sort()
    const specs = await Promise.all(files.map(async file => parseApplications(await repository.readFile(revision, file), file)))
    return specs.flat()
  }

  private requireRepository(): DemoRepository {
    if (!this.repository)
      throw new Error('the simulation is not started yet')
    return this.repository
  }

  private presenter(request: ClusterAction, pod?: string): void {
    this.timeline.add('presenter', {
      kind: 'command',
      command: commandLine(request, { namespace: PODINFO_NAMESPACE, deployment: 'podinfo', pod }),
    })
  }

  private emitChange(): void {
    this.changes.emit()
  }
}
