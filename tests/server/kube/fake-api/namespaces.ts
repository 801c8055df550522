// Namespaces as kube-apiserver and kube-controller-manager v1.33 handle them, for the fake API server: a DELETE marks
// the namespace Terminating (pkg/registry/core/namespace/storage/storage.go Delete), NamespaceLifecycle admission
// refuses new content in it (k8s.io/apiserver v0.33.5 pkg/admission/plugin/namespace/lifecycle/admission.go), and the
// namespace controller deletes its pods first, then everything else, then finalizes it
// (pkg/controller/namespace/deletion/namespaced_resources_deleter.go, OrderedNamespaceDeletion on in 1.33).
import type { KubeObject } from './server'
import { RESOURCES } from './resources'

/** How fast the fake's namespace controller works: kube-controller-manager waits 5 s per event, then requeues. */
export interface NamespaceTimings {
  /** namespaceDeletionGracePeriod: from the DELETE to the first pass. */
  graceMs: number
  /** From a pass that found pods to the next. */
  requeueMs: number
  /** From deleting the content to finalizing the namespace. */
  walkMs: number
}

/** What the controller needs of the store: the fake API server's own methods. */
export interface NamespaceStore {
  get: (plural: string, namespace: string, name: string) => KubeObject | undefined
  list: (plural: string, namespace: string) => KubeObject[]
  put: (plural: string, object: KubeObject) => KubeObject
  remove: (plural: string, namespace: string, name: string) => void
  /** A DELETE of one object, as the API would do it (a pod gets its deletionTimestamp and stays until removed). */
  deleteObject: (plural: string, object: KubeObject) => void
  now: () => number
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')

/** A new namespace as the API server stores it (strategy.go PrepareForCreate: spec.finalizers [kubernetes]). */
export function newNamespace(name: string, uid?: string): KubeObject {
  return {
    metadata: {
      name,
      ...(uid
        ? { uid }
        : {}),
    },
    spec: {
      finalizers: ['kubernetes'],
    },
    status: { phase: 'Active' },
  }
}

/**
 * A create in namespace `namespace` as NamespaceLifecycle admits it: undefined when allowed, else the Status
 * kube-apiserver answers (403 Forbidden with cause NamespaceTerminating while terminating, admission.go 168-183;
 * 404 when there is no such namespace, 159-160). `group` and `plural` name the created object's resource.
 */
export function admitCreate(store: NamespaceStore, namespace: string, plural: string, group: string, name: string): { code: number, reason: string, message: string, details: object } | undefined {
  const ns = store.get('namespaces', '', namespace)
  if (!ns) {
    return {
      code: 404,
      reason: 'NotFound',
      message: `namespaces "${namespace}" not found`,
      details: { name: namespace, kind: 'namespaces' },
    }
  }
  if ((ns.status as { phase?: string } | undefined)?.phase !== 'Terminating')
    return undefined
  const qualified = group
    ? `${plural}.${group}`
    : plural
  return {
    code: 403,
    reason: 'Forbidden',
    message: `${qualified} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    details: {
      name,
      ...(group
        ? { group }
        : {}),
      kind: plural,
      causes: [
        { reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' },
      ],
    },
  }
}

/** The namespace controller and the DELETE of a namespace. */
export class NamespaceController {
  timings: NamespaceTimings = { graceMs: 5000, requeueMs: 5000, walkMs: 0 }
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(private readonly store: NamespaceStore) {}

  /** DELETE /api/v1/namespaces/<name>: Terminating now (the object stays: spec.finalizers), the controller later. */
  delete(existing: KubeObject): KubeObject {
    if (existing.metadata.deletionTimestamp)
      return existing
    const deleted = this.store.put('namespaces', {
      ...existing,
      metadata: {
        ...existing.metadata,
        deletionTimestamp: stamp(this.store.now()),
      },
      status: { ...existing.status as object, phase: 'Terminating' },
    })
    this.later(this.timings.graceMs, () => this.pass(existing.metadata.name))
    return deleted
  }

  /** One pass: the pods first; with none left, every other resource, then finalize (the object goes). */
  pass(name: string): void {
    const namespace = this.store.get('namespaces', '', name)
    if (!namespace?.metadata.deletionTimestamp)
      return
    const pods = this.store.list('pods', name)
    if (pods.length > 0) {
      for (const pod of pods.filter(candidate => !candidate.metadata.deletionTimestamp))
        this.store.deleteObject('pods', pod)
      this.later(this.timings.requeueMs, () => this.pass(name))
      return
    }
    for (const resource of RESOURCES.filter(candidate => candidate.namespaced !== false)) {
      for (const object of this.store.list(resource.plural, name))
        this.store.remove(resource.plural, name, object.metadata.name)
    }
    this.later(this.timings.walkMs, () => this.store.remove('namespaces', '', name))
  }

  stop(): void {
    for (const timer of this.timers)
      clearTimeout(timer)
    this.timers.clear()
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      work()
    }, ms)
    this.timers.add(timer)
  }
}
