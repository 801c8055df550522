// When both backends refuse `kubectl delete namespace podinfo`: only if Argo CD brings the namespace back (its
// Application has CreateNamespace=true and automated self-heal), from a Synced and Healthy start, with the namespace
// Active and holding nothing the Application does not manage. Otherwise it would be a disaster, not a demo of one.
import type { HealthStatus, NamespacePhase, Refusal, SyncStatus } from '../../common/protocol'
import { CREATE_NAMESPACE } from '../../common/manifests'

export interface NamespaceDeletionFacts {
  app: string
  namespace: string
  /** The Application's spec.syncPolicy.syncOptions. */
  syncOptions: readonly string[] | undefined
  /** Automated sync is on, with selfHeal. */
  selfHeal: boolean
  sync: SyncStatus
  health: HealthStatus
  phase: NamespacePhase
  /** What the namespace holds that the Application does not manage ("ConfigMap extra"), if looked at. */
  foreign?: readonly string[]
}

/** The first reason to refuse, or undefined: go ahead. */
export function namespaceDeletionRefusal(facts: NamespaceDeletionFacts): Refusal | undefined {
  const { app, namespace } = facts
  if (!facts.syncOptions?.includes(CREATE_NAMESPACE))
    return { kind: 'noCreateNamespace', app }
  if (!facts.selfHeal)
    return { kind: 'noSelfHeal', app }
  if (facts.phase !== 'Active')
    return { kind: 'namespaceNotActive', namespace, phase: facts.phase }
  if (facts.sync !== 'Synced' || facts.health !== 'Healthy') {
    return {
      kind: 'notSettled',
      app,
      sync: facts.sync,
      health: facts.health,
    }
  }
  if (facts.foreign?.length) {
    return {
      kind: 'foreignResources',
      namespace,
      app,
      resources: [...facts.foreign],
    }
  }
  return undefined
}
