import type { PodPhase, TimelineEvent } from '../../common/protocol'
import type { Cancel, Clock } from './clock'
import type { ReplicaSet } from './deployment-controller'
import type { SimTimings } from './timings'
import { randomSuffix } from './names'

export interface Pod {
  name: string
  replicaSet: ReplicaSet
  phase: PodPhase
  ready: boolean
  cancel?: Cancel
}

export interface PodEvents {
  /** A pod's container started running. */
  changed: () => void
  /** A pod became ready, or is gone: the controllers look again. */
  reconcile: () => void
  /** A pod created or killed. */
  event: (event: TimelineEvent) => void
}

/**
 * podinfo's pods and the ReplicaSet controller that creates and deletes them: as many live pods as a ReplicaSet's
 * replicas, each Pending → Running → ready, or Terminating → gone.
 */
export class Pods {
  private pods: Pod[] = []

  constructor(
    private readonly clock: Clock,
    private readonly timings: SimTimings,
    private readonly events: PodEvents,
    /** Whether the namespace admits a new pod (it is Active). */
    private readonly admitted: () => boolean,
    /** Pod name suffixes; default crypto-random. */
    private readonly random?: () => number,
  ) {}

  /** Every pod object, terminating ones too, oldest first. */
  list(): readonly Pod[] {
    return this.pods
  }

  /** The pods that are not terminating. */
  active(): Pod[] {
    return this.pods.filter(pod => pod.phase !== 'Terminating')
  }

  /** `replicaSet`'s pods that are ready and not terminating. */
  readyOf(replicaSet: ReplicaSet): number {
    return this.pods.filter(pod => pod.replicaSet === replicaSet && pod.ready && pod.phase !== 'Terminating').length
  }

  /** Whether any pod of `replicaSet` is left, terminating ones too. */
  hasAny(replicaSet: ReplicaSet): boolean {
    return this.pods.some(pod => pod.replicaSet === replicaSet)
  }

  /** `count` pods of `replicaSet` that are running and ready already: the cluster as the talk starts. */
  startReady(replicaSet: ReplicaSet, count: number): void {
    for (let index = 0; index < count; index++) {
      this.pods.push({
        name: `podinfo-${replicaSet.hash}-${randomSuffix(5, this.random)}`,
        replicaSet,
        phase: 'Running',
        ready: true,
      })
    }
  }

  /** The named pod, or the oldest running one; throws when there is none to delete. */
  toDelete(name?: string): string {
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

  delete(name: string): void {
    const pod = this.pods.find(candidate => candidate.name === name)
    if (pod)
      this.terminate(pod)
  }

  /** DeleteCollection: every pod that is not terminating yet. */
  deleteAll(): void {
    for (const pod of this.active())
      this.terminate(pod)
  }

  /** The ReplicaSet controller: as many live pods as replicas. */
  reconcile(replicaSet: ReplicaSet): void {
    const active = this.pods.filter(pod => pod.replicaSet === replicaSet && pod.phase !== 'Terminating')
    for (let missing = replicaSet.replicas - active.length; missing > 0; missing--)
      this.create(replicaSet)
    const surplus = active.length - replicaSet.replicas
    if (surplus > 0) {
      // Kubernetes deletes the least useful first: not ready before ready, newest before oldest.
      const victims = [...active].sort((a, b) => Number(a.ready) - Number(b.ready) || this.pods.indexOf(b) - this.pods.indexOf(a))
      for (const pod of victims.slice(0, surplus))
        this.terminate(pod)
    }
  }

  close(): void {
    for (const pod of this.pods)
      pod.cancel?.()
  }

  private create(replicaSet: ReplicaSet): void {
    // The ReplicaSet controller's create in a terminating namespace is refused (403) and dropped: no pod, no event.
    if (!this.admitted())
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
        this.events.reconcile()
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
      this.events.reconcile()
    }, this.timings.podTerminate)
  }
}
