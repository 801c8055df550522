import type { ApplicationSpec } from '../../common/manifests'
import type { ApplicationState } from '../../common/protocol'
import type { Cancel } from './clock'
import type { DesiredPodinfo } from './repo-server'
import type { SelfHeal } from './self-heal'

/** An Application as the modelled controller keeps it. */
export interface AppModel {
  spec: ApplicationSpec
  state: ApplicationState
  desired?: DesiredPodinfo
  /** The revision the last sync operation applied: auto-sync does not retry it without selfHeal. */
  syncedRevision?: string
  selfHeal: SelfHeal
  queue: Promise<void>
  timers: { poll?: Cancel, refresh?: Cancel, detect?: Cancel, sync?: Cancel, retry?: Cancel }
}

/** An Application of a freshly bootstrapped cluster: Synced and Healthy at `revision`. */
export function bootstrappedApp(spec: ApplicationSpec, revision: string, desired: DesiredPodinfo | undefined, reconciledAt: string, selfHeal: SelfHeal): AppModel {
  return {
    spec,
    desired,
    syncedRevision: revision,
    selfHeal,
    queue: Promise.resolve(),
    timers: {},
    state: {
      name: spec.name,
      namespace: spec.namespace,
      project: spec.project,
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
      revision,
      reconciledAt,
      sourcePath: spec.sourcePath,
      automated: spec.automated,
    },
  }
}
