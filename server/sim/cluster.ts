import type { PodinfoSpec, PodTemplate } from '../../common/manifests'
import type { HealthStatus, PodinfoState, PodPhase, TimelineEvent } from '../../common/protocol'
import type { Cancel, Clock } from './clock'
import type { SimTimings } from './timings'
import { randomSuffix, templateHash } from './names'

/** Kubernetes' default `revisionHistoryLimit`. */
const DEFAULT_REVISION_HISTORY_LIMIT = 10

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
 */
export class SimCluster {
  private deployment: PodinfoSpec | undefined
  private replicaSets: ReplicaSet[] = []
  private pods: Pod[] = []
  private closed = false

  constructor(
    private readonly clock: Clock,
    private readonly timings: SimTimings,
    private readonly events: ClusterEvents,
    /** Pod name suffixes; default crypto-random. */
    private readonly random?: () => number,
  ) {}

  /** The cluster as it is when the talk starts: rolled out, every pod ready. */
  bootstrap(spec: PodinfoSpec): void {
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
