import type { ManifestResource } from '../../common/manifests'

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

/** `resources` in the order a sync applies them; kinds it does not list go last, in their own order. */
export function inKindOrder(resources: readonly ManifestResource[]): ManifestResource[] {
  return [...resources].sort((a, b) => kindRank(a.kind) - kindRank(b.kind))
}
