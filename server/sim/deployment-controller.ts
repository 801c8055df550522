import type { PodinfoSpec, PodTemplate } from '../../common/manifests'
import type { TimelineEvent } from '../../common/protocol'
import { templateHash } from './names'

/** Kubernetes' default `revisionHistoryLimit`. */
const DEFAULT_REVISION_HISTORY_LIMIT = 10

export interface ReplicaSet {
  name: string
  hash: string
  revision: number
  template: PodTemplate
  replicas: number
}

/**
 * The deployment controller: a ReplicaSet per pod template, and the replicas moved from the old ones to the current
 * one by the RollingUpdate strategy (maxSurge 25 %, maxUnavailable 25 %, as Kubernetes' defaults).
 */
export class DeploymentController {
  private replicaSets: ReplicaSet[] = []

  constructor(
    /** A `k8s.scaled` event for each ReplicaSet scaled. */
    private readonly event: (event: TimelineEvent) => void,
  ) {}

  list(): readonly ReplicaSet[] {
    return this.replicaSets
  }

  /** The namespace controller deleted them all. */
  clear(): void {
    this.replicaSets = []
  }

  /** The revisions `kubectl rollout history` would list: one per ReplicaSet still kept, oldest first. */
  revisions(): number[] {
    return this.replicaSets.map(replicaSet => replicaSet.revision).sort((a, b) => a - b)
  }

  /** The ReplicaSet of the Deployment's template, if it has been made. */
  current(deployment: PodinfoSpec | undefined): ReplicaSet | undefined {
    return deployment && this.replicaSets.find(replicaSet => replicaSet.hash === templateHash(deployment.template))
  }

  /** The ReplicaSet of `template`, made when there is none, and the newest revision. */
  replicaSetFor(template: PodTemplate): ReplicaSet {
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

  /** The RollingUpdate strategy; `readyOf`: a ReplicaSet's ready pods that are not terminating. */
  rollOut(deployment: PodinfoSpec, readyOf: (replicaSet: ReplicaSet) => number): void {
    const current = this.replicaSetFor(deployment.template)
    const old = this.replicaSets.filter(replicaSet => replicaSet !== current && replicaSet.replicas > 0)
    if (old.length === 0) {
      this.scale(current, deployment.replicas)
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
        this.scale(current, deployment.replicas)
      else if (room > 0 && current.replicas < deployment.replicas)
        this.scale(current, current.replicas + Math.min(room, deployment.replicas - current.replicas))
    }
    scaleUpCurrent()

    // Old pods that are not ready serve nobody: they go first, without counting against availability.
    for (const replicaSet of old) {
      const ready = readyOf(replicaSet)
      if (replicaSet.replicas > ready)
        this.scale(replicaSet, ready)
    }
    const available = this.replicaSets.reduce((sum, replicaSet) => sum + readyOf(replicaSet), 0)
    let removable = available - (deployment.replicas - maxUnavailable)
    for (const replicaSet of old.sort((a, b) => a.revision - b.revision)) {
      const step = Math.min(replicaSet.replicas, Math.max(0, removable))
      if (step > 0) {
        this.scale(replicaSet, replicaSet.replicas - step)
        removable -= step
      }
    }
    // The controller resyncs on the ReplicaSet's change at once: the room made is used now.
    scaleUpCurrent()
  }

  /**
   * Deletes the oldest of the old ReplicaSets (scaled to zero, no pods left) beyond `revisionHistoryLimit`: without
   * that, every colour of a long rehearsal would stay in memory.
   */
  cleanUpHistory(deployment: PodinfoSpec | undefined, hasPods: (replicaSet: ReplicaSet) => boolean): void {
    const limit = deployment?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT
    const current = this.current(deployment)
    const cleanable = this.replicaSets
      .filter(replicaSet => replicaSet !== current && replicaSet.replicas === 0 && !hasPods(replicaSet))
      .sort((a, b) => a.revision - b.revision)
    const deleted = new Set(cleanable.slice(0, Math.max(0, cleanable.length - limit)))
    if (deleted.size > 0)
      this.replicaSets = this.replicaSets.filter(replicaSet => !deleted.has(replicaSet))
  }

  private scale(replicaSet: ReplicaSet, replicas: number): void {
    if (replicaSet.replicas === replicas)
      return
    this.event({
      kind: 'k8s.scaled',
      replicaSet: replicaSet.name,
      from: replicaSet.replicas,
      to: replicas,
    })
    replicaSet.replicas = replicas
  }
}
