import type { ApplicationSpec } from '../../common/manifests'
import type { ApplicationState } from '../../common/protocol'
import type { Cancel } from './clock'
import type { DesiredPodinfo } from './repo-server'
import type { SelfHeal } from './self-heal'

export interface LastSync {
  revision: string
  phase: 'Succeeded' | 'Failed'
  message: string
}

/** An Application as the modelled controller keeps it. */
export interface AppModel {
  spec: ApplicationSpec
  state: ApplicationState
  desired?: DesiredPodinfo
  /**
   * The last sync operation (Argo CD's status.operationState): its revision (syncResult.revision), how it ended and its
   * message. autoSync does not sync that revision again unless self-heal is on and it succeeded.
   */
  lastSync: LastSync
  selfHeal: SelfHeal
  queue: Promise<void>
  timers: { poll?: Cancel, refresh?: Cancel, detect?: Cancel, sync?: Cancel, retry?: Cancel }
}

/** An Application of a freshly bootstrapped cluster: Synced and Healthy at `revision`. */
export function bootstrappedApp(spec: ApplicationSpec, revision: string, desired: DesiredPodinfo | undefined, reconciledAt: string, selfHeal: SelfHeal): AppModel {
  return {
    spec,
    desired,
    lastSync: { revision, phase: 'Succeeded', message: 'successfully synced (all tasks run)' },
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
