import type { ManifestResource, PodinfoSpec } from '../../common/manifests'
import type { DriftField } from '../../common/protocol'
import type { DesiredPodinfo } from './repo-server'
import { resourceName } from '../../common/manifests'

/** What differs from git: the Deployment's fields, and resources that are not there at all. */
export interface Drift {
  diffs: DriftField[]
  missing: string[]
}

/** In status.resources' order (controller/appcontroller.go 1938-1940: group/kind/namespace/name). */
function statusOrder(a: ManifestResource, b: ManifestResource): number {
  const key = (resource: ManifestResource) => [
    resource.group,
    resource.kind,
    resource.namespace ?? '',
    resource.name,
  ].join('/')
  return key(a) < key(b)
    ? -1
    : key(a) > key(b)
      ? 1
      : 0
}

/**
 * What differs from git (controller/state.go 920-930: a resource git declares that is not live is OutOfSync too);
 * undefined when nothing does. `live`: the resources that exist; `liveSpec`: the live Deployment's.
 */
export function compareWithLive(desired: DesiredPodinfo, live: readonly ManifestResource[], liveSpec: PodinfoSpec | undefined): Drift | undefined {
  const liveNames = new Set(live.map(resourceName))
  const missing = [...desired.resources]
    .sort(statusOrder)
    .map(resourceName)
    .filter(name => !liveNames.has(name))
  const diffs: DriftField[] = []
  if (liveSpec && liveSpec.replicas !== desired.spec.replicas) {
    diffs.push({
      field: 'replicas',
      git: String(desired.spec.replicas),
      live: String(liveSpec.replicas),
    })
  }
  for (const key of ['image', 'color', 'message'] as const) {
    if (liveSpec && liveSpec.template[key] !== desired.spec.template[key])
      diffs.push({ field: key, git: desired.spec.template[key], live: liveSpec.template[key] })
  }
  return diffs.length > 0 || missing.length > 0
    ? { diffs, missing }
    : undefined
}
