// podinfo's namespace as Kubernetes v1.33 runs it: the API server marks a deleted namespace Terminating and refuses
// new content in it; the namespace controller deletes its pods first (OrderedNamespaceDeletion, beta and on in 1.33),
// waits for them, deletes everything else and finalizes the namespace. Then a create makes a new one.
import type { NamespacePhase, TimelineEvent } from '../../common/protocol'
import type { Cancel, Clock } from './clock'
import type { SimTimings } from './timings'

/** What the namespace controller finds and deletes in the namespace. */
export interface NamespaceContent {
  /** Pod objects still there (terminating ones too). */
  pods: () => number
  /** DeleteCollection on pods: each pod gets its grace period (the kubelet removes it when it has stopped). */
  deletePods: () => void
  /** DeleteCollection on every other type: the Deployment, ReplicaSets, Service, Ingress … */
  deleteRest: () => void
  /** The pods' terminationGracePeriodSeconds (the controller's estimate of how long they take). */
  graceSeconds: () => number
}

export interface NamespaceEvents {
  changed: () => void
  event: (event: TimelineEvent) => void
}

/** The kind → resource names of kube-apiserver's messages (`deployments.apps "podinfo" is forbidden: …`). */
const QUALIFIED: Record<string, string> = {
  Service: 'services',
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  Ingress: 'ingresses.networking.k8s.io',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
}

export function qualifiedResource(kind: string): string {
  return QUALIFIED[kind] ?? `${kind.toLowerCase()}s`
}

export class SimNamespace {
  private current: NamespacePhase = 'Active'
  private deletedAt = 0
  private passes = 0
  private timer: Cancel | undefined

  constructor(
    readonly name: string,
    private readonly clock: Clock,
    private readonly timings: SimTimings,
    private readonly content: NamespaceContent,
    private readonly events: NamespaceEvents,
  ) {}

  get phase(): NamespacePhase {
    return this.current
  }

  /**
   * DELETE /api/v1/namespaces/<name> (pkg/registry/core/namespace/storage/storage.go Delete): a deletionTimestamp and
   * phase Terminating, at once; spec.finalizers [kubernetes] keeps the object until the controller finalizes it.
   */
  delete(): void {
    if (this.current !== 'Active') {
      throw new Error(this.current === 'Terminating'
        ? `namespace ${this.name} is already being deleted`
        : `namespaces "${this.name}" not found`)
    }
    this.current = 'Terminating'
    this.deletedAt = this.clock.now()
    this.passes = 0
    this.events.event({ kind: 'k8s.namespaceTerminating', namespace: this.name })
    this.schedule(this.timings.namespaceGrace)
    this.events.changed()
  }

  /** POST /api/v1/namespaces: a new namespace, Active; while the old one terminates, 409 (store.go 527-543). */
  create(): void {
    if (this.current !== 'Gone') {
      throw new Error(this.current === 'Terminating'
        ? `object is being deleted: namespaces "${this.name}" already exists`
        : `namespaces "${this.name}" already exists`)
    }
    this.current = 'Active'
    this.events.event({ kind: 'k8s.namespaceCreated', namespace: this.name })
    this.events.changed()
  }

  /**
   * NamespaceLifecycle admission (k8s.io/apiserver v0.33.5 pkg/admission/plugin/namespace/lifecycle/admission.go):
   * a create in a terminating namespace is 403 (168-183), in a missing one 404 (159-160); undefined: admitted.
   */
  refusesCreate(kind: string, name: string): string | undefined {
    if (this.current === 'Terminating')
      return `${qualifiedResource(kind)} "${name}" is forbidden: unable to create new content in namespace ${this.name} because it is being terminated`
    if (this.current === 'Gone')
      return `namespaces "${this.name}" not found`
    return undefined
  }

  close(): void {
    this.timer?.()
    this.timer = undefined
  }

  private schedule(ms: number): void {
    this.timer?.()
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined
      this.pass()
    }, ms)
  }

  /**
   * One pass of the namespace controller (namespaced_resources_deleter.go Delete → deleteAllContent): pods first;
   * while any remain, nothing else is touched and the pass asks to come back (a ResourcesRemainingError of the pods'
   * grace estimate: after estimate/2+1 s, or 5 s after its own status write on the first pass, whichever is sooner;
   * past the grace period the estimate is 0 and the pass fails, retried by the rate limiter). Without pods: every
   * other type, then finalize (PUT …/finalize with spec.finalizers empty deletes the object).
   */
  private pass(): void {
    this.passes++
    if (this.content.pods() > 0) {
      this.content.deletePods()
      const grace = this.content.graceSeconds()
      const estimate = this.clock.now() - this.deletedAt < grace * 1000
        ? grace
        : 0
      const requeue = estimate > 0
        ? (estimate / 2 + 1) * 1000
        : this.timings.namespaceRetry
      this.schedule(this.passes === 1
        ? Math.min(this.timings.namespaceGrace, requeue)
        : requeue)
      this.events.changed()
      return
    }
    this.content.deleteRest()
    this.events.changed()
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined
      this.current = 'Gone'
      this.events.event({ kind: 'k8s.namespaceGone', namespace: this.name })
      this.events.changed()
    }, this.timings.namespaceContentWalk)
  }
}
