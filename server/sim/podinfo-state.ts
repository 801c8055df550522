import type { PodinfoSpec } from '../../common/manifests'
import type { NamespacePhase, PodinfoState } from '../../common/protocol'
import type { ReplicaSet } from './deployment-controller'
import type { Pod } from './pods'

export interface PodinfoObjects {
  deployment: PodinfoSpec | undefined
  replicaSets: readonly ReplicaSet[]
  /** The Deployment's current ReplicaSet. */
  current: ReplicaSet | undefined
  /** Every pod, terminating ones too. */
  pods: readonly Pod[]
  namespace: { name: string, phase: NamespacePhase }
}

/** podinfo as the deck shows it; a ReplicaSet only while it has replicas or pods left. */
export function podinfoState({ deployment, replicaSets, current, pods, namespace }: PodinfoObjects): PodinfoState {
  const active = pods.filter(pod => pod.phase !== 'Terminating')
  const shown = replicaSets.filter(replicaSet => replicaSet.replicas > 0 || pods.some(pod => pod.replicaSet === replicaSet))
  return {
    desiredReplicas: deployment?.replicas ?? 0,
    readyReplicas: active.filter(pod => pod.ready).length,
    updatedReplicas: active.filter(pod => pod.replicaSet === current).length,
    image: deployment?.template.image ?? '',
    color: deployment?.template.color ?? '',
    message: deployment?.template.message ?? '',
    pods: pods.map(pod => ({
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
      readyReplicas: pods.filter(pod => pod.replicaSet === replicaSet && pod.ready && pod.phase !== 'Terminating').length,
      color: replicaSet.template.color,
    })),
    namespace,
  }
}
