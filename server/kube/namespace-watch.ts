// podinfo's namespace as the room sees it, from a watch on that one Namespace: its phase (Gone once the namespace
// controller has finalized it, kube-apiserver then deletes the object) and the timeline events of its deletion.
import type { V1Namespace } from '@kubernetes/client-node'
import type { NamespacePhase, TimelineEvent } from '../../common/protocol'
import type { InformerVerb } from './informers'

/** The phase of `namespace` in `listed` (the watch's cache); undefined before the first list. */
export function namespacePhase(listed: readonly V1Namespace[], synced: boolean): NamespacePhase | undefined {
  if (!synced)
    return undefined
  const namespace = listed[0]
  if (!namespace)
    return 'Gone'
  // kube-apiserver sets both in the same update (pkg/registry/core/namespace/storage/storage.go Delete).
  return namespace.metadata?.deletionTimestamp || namespace.status?.phase === 'Terminating'
    ? 'Terminating'
    : 'Active'
}

/**
 * The events a change to the namespace makes: Terminating once, gone, created again (a new uid). Nothing for what a
 * list shows: the first one, or a relist after the API was away (ListWatch then says "add" for what it had already).
 */
export class NamespaceNarrator {
  private readonly terminating = new Set<string>()
  private uid: string | undefined

  seen(verb: InformerVerb, namespace: V1Namespace, listed: boolean): TimelineEvent | undefined {
    const name = namespace.metadata?.name ?? ''
    const uid = namespace.metadata?.uid ?? name
    if (verb === 'delete') {
      this.terminating.delete(uid)
      return { kind: 'k8s.namespaceGone', namespace: name }
    }
    const known = this.uid
    this.uid = uid
    if (namespace.metadata?.deletionTimestamp) {
      if (this.terminating.has(uid))
        return undefined
      this.terminating.add(uid)
      return listed
        ? { kind: 'k8s.namespaceTerminating', namespace: name }
        : undefined
    }
    return listed && known !== undefined && known !== uid
      ? { kind: 'k8s.namespaceCreated', namespace: name }
      : undefined
  }
}
