import type { ManifestResource, PodinfoSpec, PodTemplate } from '../../common/manifests'
import type { HealthStatus, PodinfoState, PodPhase, TimelineEvent } from '../../common/protocol'
import type { Cancel, Clock } from './clock'
import type { SimTimings } from './timings'
import { PODINFO_NAMESPACE, resourceName } from '../../common/manifests'
import { randomSuffix, templateHash } from './names'
import { SimNamespace } from './namespace'

/** Kubernetes' default `revisionHistoryLimit`. */
const DEFAULT_REVISION_HISTORY_LIMIT = 10
/** Kubernetes' default terminationGracePeriodSeconds (k8s.io/api core/v1 DefaultTerminationGracePeriodSeconds). */
const DEFAULT_GRACE_SECONDS = 30

/** The order gitops-engine applies kinds in (pkg/sync/sync_tasks.go kindOrder), for the ones podinfo has. */
const KIND_ORDER = [
  'Namespace',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'Service',
  'Pod',
  'ReplicaSet',
  'Deployment',
  'Ingress',
]
function kindRank(kind: string) {
  const rank = KIND_ORDER.indexOf(kind)
  return rank === -1
    ? 0
    : rank - KIND_ORDER.length
}

/** A resource of podinfo's besides its Deployment: a Service, an Ingress (`address`: ingress-nginx wrote its status). */
interface LiveObject {
  resource: ManifestResource
  address?: boolean
}

interface ReplicaSet {
  name: string
  hash: string
  revision: number
  template: PodTemplate
  replicas: number
}

interface Pod {
  name: string
  replicaSet: ReplicaSet
  phase: PodPhase
  ready: boolean
  cancel?: Cancel
}

export interface ClusterEvents {
  /** Anything changed (pods included): the state must be sent again. */
  changed: () => void
  /** The Deployment's spec changed: what Argo CD compares with git. */
  specChanged: () => void
  /** A Kubernetes event worth a timeline line. */
  event: (event: TimelineEvent) => void
}

export interface DeploymentHealth {
  status: HealthStatus
  message?: string
}

/**
 * podinfo's Deployment with the controllers behind it: the deployment controller rolls a new
 * ReplicaSet out (maxSurge 25 %, maxUnavailable 25 %, as Kubernetes' defaults), the ReplicaSet
 * controller creates and deletes Pods, and Pods go Pending → Running → ready, or Terminating → gone.
 * Beside it podinfo's other resources (its Service and Ingress) and its namespace, which can be deleted and made anew.
 */
export class SimCluster {
  private deployment: PodinfoSpec | undefined
  private replicaSets: ReplicaSet[] = []
  private pods: Pod[] = []
  private objects = new Map<string, LiveObject>()
  private readonly namespace: SimNamespace
  private readonly startedAt: number
  /** Where in its 60-s period ingress-nginx's status tick is (it started before the talk: unknown, so drawn). */
  private ingressPhase: number | undefined
  private readonly timers = new Set<Cancel>()
  private closed = false

  constructor(
    private readonly clock: Clock,
    private readonly timings: SimTimings,
    private readonly events: ClusterEvents,
    /** Pod name suffixes; default crypto-random. */
    private readonly random?: () => number,
  ) {
    this.startedAt = clock.now()
    this.namespace = new SimNamespace(PODINFO_NAMESPACE, clock, timings, {
      pods: () => this.pods.length,
      deletePods: () => {
        for (const pod of this.pods.filter(candidate => candidate.phase !== 'Terminating'))
          this.terminate(pod)
        this.reconcile()
      },
      deleteRest: () => this.deleteContent(),
      graceSeconds: () => this.deployment?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
    }, {
      changed: () => this.events.changed(),
      event: event => this.events.event(event),
    })
  }

  /**
   * The cluster as it is when the talk starts: rolled out, every pod ready; `resources` are podinfo's others (a
   * Service, an Ingress that ingress-nginx has given its address).
   */
  bootstrap(spec: PodinfoSpec, resources: readonly ManifestResource[] = []): void {
    for (const resource of resources.filter(candidate => candidate.kind !== 'Deployment')) {
      this.objects.set(this.key(resource), {
        resource: structuredClone(resource),
        address: true,
      })
    }
    this.deployment = structuredClone(spec)
    const replicaSet = this.replicaSetFor(spec.template)
    replicaSet.replicas = spec.replicas
    for (let index = 0; index < spec.replicas; index++) {
      this.pods.push({
        name: `podinfo-${replicaSet.hash}-${randomSuffix(5, this.random)}`,
        replicaSet,
        phase: 'Running',
        ready: true,
      })
    }
  }

  liveSpec(): PodinfoSpec | undefined {
    return this.deployment && structuredClone(this.deployment)
  }

  /** kubectl apply of the Deployment from git. */
  apply(spec: PodinfoSpec): void {
    this.deployment = structuredClone(spec)
    this.specUpdated()
  }

  /**
   * A sync's wet run (gitops-engine sync_context.go processCreateTasks): each resource in kind order, patched if it
   * exists, else created, which the namespace's admission may refuse. Returns the refusals, in that order; what was
   * admitted is applied.
   */
  applyResources(spec: PodinfoSpec, resources: readonly ManifestResource[]): string[] {
    const failures: string[] = []
    let deployment = false
    for (const resource of [...resources].sort((a, b) => kindRank(a.kind) - kindRank(b.kind))) {
      const exists = resource.kind === 'Deployment'
        ? Boolean(this.deployment)
        : this.objects.has(this.key(resource))
      const refused = exists
        ? undefined
        : this.namespace.refusesCreate(resource.kind, resource.name)
      if (refused) {
        failures.push(refused)
        continue
      }
      if (resource.kind === 'Deployment') {
        deployment = true
        continue
      }
      if (!exists) {
        const created: LiveObject = {
          resource: structuredClone(resource),
        }
        this.objects.set(this.key(resource), created)
        if (resource.kind === 'Ingress')
          this.awaitAddress(created)
      }
    }
    if (deployment)
      this.apply(spec)
    else
      this.events.changed()
    return failures
  }

  /** podinfo's resources that exist now, as Argo CD would find them live. */
  liveResources(): ManifestResource[] {
    return [
      ...this.objects.values(),
    ].map(object => structuredClone(object.resource)).concat(this.deployment
      ? [
          {
            group: 'apps',
            kind: 'Deployment',
            namespace: this.namespace.name,
            name: 'podinfo',
          },
        ]
      : [])
  }

  namespacePhase() {
    return this.namespace.phase
  }

  /** `kubectl delete namespace podinfo`. */
  deleteNamespace(): void {
    this.namespace.delete()
  }

  /** Argo CD's CreateNamespace=true: the sync's PreSync namespace task (gitops-engine sync_context.go 499-510). */
  createNamespace(): void {
    this.namespace.create()
  }

  scale(replicas: number): void {
    const deployment = this.requireDeployment()
    deployment.replicas = replicas
    this.specUpdated()
  }

  setTemplate(change: Partial<PodTemplate>): void {
    const deployment = this.requireDeployment()
    deployment.template = {
      ...deployment.template,
      ...change,
    }
    this.specUpdated()
  }

  /** The named pod, or the oldest running one; throws when there is none to delete. */
  podToDelete(name?: string): string {
    const pod = name
      ? this.pods.find(candidate => candidate.name === name)
      : this.pods.find(candidate => candidate.phase === 'Running') ?? this.pods.find(candidate => candidate.phase !== 'Terminating')
    if (!pod) {
      throw new Error(name
        ? `no pod ${name} in namespace podinfo`
        : 'no pod to delete')
    }
    if (pod.phase === 'Terminating')
      throw new Error(`pod ${pod.name} is already terminating`)
    return pod.name
  }

  deletePod(name?: string): void {
    const target = this.podToDelete(name)
    const pod = this.pods.find(candidate => candidate.name === target)
    if (pod)
      this.terminate(pod)
    this.reconcile()
  }

  health(): DeploymentHealth {
    const deployment = this.deployment
    if (!deployment)
      return { status: 'Missing', message: 'Deployment podinfo does not exist' }
    const active = this.pods.filter(pod => pod.phase !== 'Terminating')
    const current = this.currentReplicaSet()
    const updated = active.filter(pod => pod.replicaSet === current).length
    const available = active.filter(pod => pod.ready).length
    if (updated < deployment.replicas)
      return { status: 'Progressing', message: `Waiting for rollout to finish: ${updated} out of ${deployment.replicas} new replicas have been updated...` }
    if (active.length > updated)
      return { status: 'Progressing', message: `Waiting for rollout to finish: ${active.length - updated} old replicas are pending termination...` }
    if (available < updated)
      return { status: 'Progressing', message: `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...` }
    return { status: 'Healthy' }
  }

  /**
   * podinfo's Application health as Argo CD computes it (controller/health.go setApplicationHealth): the worst of the
   * live resources (a ClusterIP Service is Healthy; an Ingress is Progressing until it has an address,
   * gitops-engine pkg/health/health_ingress.go); a missing one does not count, unless none is live: then Missing.
   */
  appHealth(): DeploymentHealth {
    const order: HealthStatus[] = [
      'Healthy',
      'Suspended',
      'Progressing',
      'Missing',
      'Degraded',
      'Unknown',
    ]
    const healths: DeploymentHealth[] = [
      ...[
        ...this.objects.values(),
      ].map(object => object.resource.kind === 'Ingress' && !object.address
        ? { status: 'Progressing' as const, message: `Ingress ${object.resource.name} has no address yet` }
        : { status: 'Healthy' as const }),
      ...(this.deployment
        ? [
            this.health(),
          ]
        : []),
    ]
    if (healths.length === 0)
      return { status: 'Missing' }
    return healths.reduce((worst, next) => order.indexOf(next.status) > order.indexOf(worst.status)
      ? next
      : worst)
  }

  snapshot(): PodinfoState {
    const deployment = this.deployment
    const active = this.pods.filter(pod => pod.phase !== 'Terminating')
    const current = this.currentReplicaSet()
    const shown = this.replicaSets.filter(replicaSet => replicaSet.replicas > 0 || this.pods.some(pod => pod.replicaSet === replicaSet))
    return {
      desiredReplicas: deployment?.replicas ?? 0,
      readyReplicas: active.filter(pod => pod.ready).length,
      updatedReplicas: active.filter(pod => pod.replicaSet === current).length,
      image: deployment?.template.image ?? '',
      color: deployment?.template.color ?? '',
      message: deployment?.template.message ?? '',
      pods: this.pods.map(pod => ({
        name: pod.name,
        phase: pod.phase,
        ready: pod.ready,
        replicaSet: pod.replicaSet.name,
        color: pod.replicaSet.template.color,
      })),
      replicaSets: shown.map(replicaSet => ({
        name: replicaSet.name,
        revision: replicaSet.revision,
        replicas: replicaSet.replicas,
        readyReplicas: this.pods.filter(pod => pod.replicaSet === replicaSet && pod.ready && pod.phase !== 'Terminating').length,
        color: replicaSet.template.color,
      })),
      namespace: { name: this.namespace.name, phase: this.namespace.phase },
    }
  }

  /** The revisions `kubectl rollout history` would list: one per ReplicaSet still kept, oldest first. */
  rolloutHistory(): number[] {
    return this.replicaSets.map(replicaSet => replicaSet.revision).sort((a, b) => a - b)
  }

  close(): void {
    this.closed = true
    for (const pod of this.pods)
      pod.cancel?.()
    this.namespace.close()
    for (const cancel of this.timers)
      cancel()
  }

  private key(resource: Pick<ManifestResource, 'kind' | 'name'>): string {
    return resourceName(resource)
  }

  /** The namespace controller's second pass: every type but pods, with DeleteCollection (Background). */
  private deleteContent(): void {
    this.deployment = undefined
    this.replicaSets = []
    this.objects.clear()
    this.events.specChanged()
  }

  /**
   * ingress-nginx writes a new Ingress's status.loadBalancer at its next status tick (status.go: a poll every
   * UpdateInterval from the controller's start; nothing triggers it when an Ingress is created).
   */
  private awaitAddress(object: LiveObject): void {
    const interval = this.timings.ingressStatusInterval
    this.ingressPhase ??= (this.random ?? Math.random)() * interval
    const since = (this.clock.now() - this.startedAt - this.ingressPhase) % interval
    const wait = interval - (since < 0
      ? since + interval
      : since)
    const cancel = this.clock.setTimeout(() => {
      this.timers.delete(cancel)
      object.address = true
      this.events.changed()
    }, wait)
    this.timers.add(cancel)
  }

  private requireDeployment(): PodinfoSpec {
    if (!this.deployment)
      throw new Error('Deployment podinfo does not exist')
    return this.deployment
  }

  private specUpdated(): void {
    this.reconcile()
    this.events.specChanged()
  }

  private currentReplicaSet(): ReplicaSet | undefined {
    return this.deployment && this.replicaSets.find(replicaSet => replicaSet.hash === templateHash(this.deployment?.template))
  }

  private replicaSetFor(template: PodTemplate): ReplicaSet {
    const hash = templateHash(template)
    const latest = Math.max(0, ...this.replicaSets.map(replicaSet => replicaSet.revision))
    let replicaSet = this.replicaSets.find(candidate => candidate.hash === hash)
    if (!replicaSet) {
      replicaSet = {
        name: `podinfo-${hash}`,
        hash,
        revision: latest + 1,
        template: structuredClone(template),
        replicas: 0,
      }
      this.replicaSets.push(replicaSet)
    }
    else if (replicaSet.revision !== latest) {
      // A rollback reuses the old ReplicaSet and makes it the newest revision, as Kubernetes does.
      replicaSet.revision = latest + 1
    }
    return replicaSet
  }

  private reconcile(): void {
    if (this.closed)
      return
    this.rollOut()
    for (const replicaSet of this.replicaSets)
      this.reconcileReplicaSet(replicaSet)
    this.cleanUpHistory()
    this.events.changed()
  }

  /** The deployment controller's RollingUpdate strategy. */
  private rollOut(): void {
    const deployment = this.deployment
    if (!deployment)
      return
    const current = this.replicaSetFor(deployment.template)
    const old = this.replicaSets.filter(replicaSet => replicaSet !== current && replicaSet.replicas > 0)
    if (old.length === 0) {
      this.scaleReplicaSet(current, deployment.replicas)
      return
    }
    const maxSurge = Math.ceil(deployment.replicas * 0.25)
    const maxUnavailable = maxSurge === 0
      ? 1
      : Math.floor(deployment.replicas * 0.25)
    const scaleUpCurrent = () => {
      const total = this.replicaSets.reduce((sum, replicaSet) => sum + replicaSet.replicas, 0)
      const room = deployment.replicas + maxSurge - total
      if (current.replicas > deployment.replicas)
        this.scaleReplicaSet(current, deployment.replicas)
      else if (room > 0 && current.replicas < deployment.replicas)
        this.scaleReplicaSet(current, current.replicas + Math.min(room, deployment.replicas - current.replicas))
    }
    scaleUpCurrent()

    const readyOf = (replicaSet: ReplicaSet) => this.pods.filter(pod => pod.replicaSet === replicaSet && pod.ready && pod.phase !== 'Terminating').length
    // Old pods that are not ready serve nobody: they go first, without counting against availability.
    for (const replicaSet of old) {
      const ready = readyOf(replicaSet)
      if (replicaSet.replicas > ready)
        this.scaleReplicaSet(replicaSet, ready)
    }
    const available = this.replicaSets.reduce((sum, replicaSet) => sum + readyOf(replicaSet), 0)
    let removable = available - (deployment.replicas - maxUnavailable)
    for (const replicaSet of old.sort((a, b) => a.revision - b.revision)) {
      const step = Math.min(replicaSet.replicas, Math.max(0, removable))
      if (step > 0) {
        this.scaleReplicaSet(replicaSet, replicaSet.replicas - step)
        removable -= step
      }
    }
    // The controller resyncs on the ReplicaSet's change at once: the room made is used now.
    scaleUpCurrent()
  }

  /**
   * The deployment controller deletes the oldest of the old ReplicaSets (scaled to zero, no pods left) beyond
   * `revisionHistoryLimit`: without that, every colour of a long rehearsal would stay in memory.
   */
  private cleanUpHistory(): void {
    const limit = this.deployment?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT
    const current = this.currentReplicaSet()
    const cleanable = this.replicaSets
      .filter(replicaSet => replicaSet !== current && replicaSet.replicas === 0 && !this.pods.some(pod => pod.replicaSet === replicaSet))
      .sort((a, b) => a.revision - b.revision)
    const deleted = new Set(cleanable.slice(0, Math.max(0, cleanable.length - limit)))
    if (deleted.size > 0)
      this.replicaSets = this.replicaSets.filter(replicaSet => !deleted.has(replicaSet))
  }

  private scaleReplicaSet(replicaSet: ReplicaSet, replicas: number): void {
    if (replicaSet.replicas === replicas)
      return
    this.events.event({
      kind: 'k8s.scaled',
      replicaSet: replicaSet.name,
      from: replicaSet.replicas,
      to: replicas,
    })
    replicaSet.replicas = replicas
  }

  /** The ReplicaSet controller: as many live pods as replicas. */
  private reconcileReplicaSet(replicaSet: ReplicaSet): void {
    const active = this.pods.filter(pod => pod.replicaSet === replicaSet && pod.phase !== 'Terminating')
    for (let missing = replicaSet.replicas - active.length; missing > 0; missing--)
      this.createPod(replicaSet)
    const surplus = active.length - replicaSet.replicas
    if (surplus > 0) {
      // Kubernetes deletes the least useful first: not ready before ready, newest before oldest.
      const victims = [...active].sort((a, b) => Number(a.ready) - Number(b.ready) || this.pods.indexOf(b) - this.pods.indexOf(a))
      for (const pod of victims.slice(0, surplus))
        this.terminate(pod)
    }
  }

  private createPod(replicaSet: ReplicaSet): void {
    // The ReplicaSet controller's create in a terminating namespace is refused (403) and dropped: no pod, no event.
    if (this.namespace.phase !== 'Active')
      return
    const pod: Pod = {
      name: `podinfo-${replicaSet.hash}-${randomSuffix(5, this.random)}`,
      replicaSet,
      phase: 'Pending',
      ready: false,
    }
    this.pods.push(pod)
    this.events.event({ kind: 'k8s.podCreated', pod: pod.name })
    pod.cancel = this.clock.setTimeout(() => {
      pod.phase = 'Running'
      pod.cancel = this.clock.setTimeout(() => {
        pod.ready = true
        pod.cancel = undefined
        this.reconcile()
      }, this.timings.podReady)
      this.events.changed()
    }, this.timings.podStart)
  }

  private terminate(pod: Pod): void {
    pod.cancel?.()
    pod.phase = 'Terminating'
    pod.ready = false
    this.events.event({ kind: 'k8s.podKilled', pod: pod.name })
    pod.cancel = this.clock.setTimeout(() => {
      this.pods = this.pods.filter(other => other !== pod)
      this.reconcile()
    }, this.timings.podTerminate)
  }
}
