import type { ManifestResource, PodinfoSpec, PodTemplate } from '../../common/manifests'
import type { PodinfoState, TimelineEvent } from '../../common/protocol'
import type { Clock } from './clock'
import type { Health } from './health'
import type { SimTimings } from './timings'
import { PODINFO_NAMESPACE } from '../../common/manifests'
import { DeploymentController } from './deployment-controller'
import { applicationHealth, deploymentHealth, objectHealth } from './health'
import { inKindOrder } from './kind-order'
import { LiveObjects } from './live-objects'
import { SimNamespace } from './namespace'
import { podinfoState } from './podinfo-state'
import { Pods } from './pods'

/** Kubernetes' default terminationGracePeriodSeconds (k8s.io/api core/v1 DefaultTerminationGracePeriodSeconds). */
const DEFAULT_GRACE_SECONDS = 30

export interface ClusterEvents {
  /** Anything changed (pods included): the state must be sent again. */
  changed: () => void
  /** The Deployment's spec changed: what Argo CD compares with git. */
  specChanged: () => void
  /** A Kubernetes event worth a timeline line. */
  event: (event: TimelineEvent) => void
}

/**
 * podinfo's Deployment with the controllers behind it: the deployment controller rolls a new ReplicaSet out
 * (deployment-controller.ts), the ReplicaSet controller creates and deletes Pods (pods.ts). Beside it podinfo's other
 * resources (its Service and Ingress, live-objects.ts) and its namespace, which can be deleted and made anew.
 */
export class SimCluster {
  private deployment: PodinfoSpec | undefined
  private readonly replicaSets: DeploymentController
  private readonly pods: Pods
  private readonly objects: LiveObjects
  private readonly namespace: SimNamespace
  private closed = false

  constructor(
    clock: Clock,
    timings: SimTimings,
    private readonly events: ClusterEvents,
    /** Pod name suffixes; default crypto-random. */
    random?: () => number,
  ) {
    this.replicaSets = new DeploymentController(event => this.events.event(event))
    this.pods = new Pods(clock, timings, {
      changed: () => this.events.changed(),
      reconcile: () => this.reconcile(),
      event: event => this.events.event(event),
    }, () => this.namespace.phase === 'Active', random)
    this.objects = new LiveObjects(clock, timings, () => this.events.changed(), random)
    this.namespace = new SimNamespace(PODINFO_NAMESPACE, clock, timings, {
      pods: () => this.pods.list().length,
      deletePods: () => {
        this.pods.deleteAll()
        this.reconcile()
      },
      deleteRest: () => this.deleteContent(),
      graceSeconds: () => this.deployment?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
    }, {
      changed: () => this.events.changed(),
      event: event => this.events.event(event),
    })
  }

  /**
   * The cluster as it is when the talk starts: rolled out, every pod ready; `resources` are podinfo's others (a
   * Service, an Ingress that ingress-nginx has given its address).
   */
  bootstrap(spec: PodinfoSpec, resources: readonly ManifestResource[] = []): void {
    this.objects.adopt(resources.filter(candidate => candidate.kind !== 'Deployment'))
    this.deployment = structuredClone(spec)
    const replicaSet = this.replicaSets.replicaSetFor(spec.template)
    replicaSet.replicas = spec.replicas
    this.pods.startReady(replicaSet, spec.replicas)
  }

  liveSpec(): PodinfoSpec | undefined {
    return this.deployment && structuredClone(this.deployment)
  }

  /** kubectl apply of the Deployment from git. */
  apply(spec: PodinfoSpec): void {
    this.deployment = structuredClone(spec)
    this.specUpdated()
  }

  /**
   * A sync's wet run (gitops-engine sync_context.go processCreateTasks): each resource in kind order, patched if it
   * exists, else created, which the namespace's admission may refuse. Returns the refusals, in that order; what was
   * admitted is applied.
   */
  applyResources(spec: PodinfoSpec, resources: readonly ManifestResource[]): string[] {
    const failures: string[] = []
    let deployment = false
    for (const resource of inKindOrder(resources)) {
      const exists = resource.kind === 'Deployment'
        ? Boolean(this.deployment)
        : this.objects.has(resource)
      const refused = exists
        ? undefined
        : this.namespace.refusesCreate(resource.kind, resource.name)
      if (refused) {
        failures.push(refused)
        continue
      }
      if (resource.kind === 'Deployment') {
        deployment = true
        continue
      }
      if (!exists)
        this.objects.create(resource)
    }
    if (deployment)
      this.apply(spec)
    else
      this.events.changed()
    return failures
  }

  /** podinfo's resources that exist now, as Argo CD would find them live. */
  liveResources(): ManifestResource[] {
    return this.objects.list().map(object => structuredClone(object.resource)).concat(this.deployment
      ? [
          {
            group: 'apps',
            kind: 'Deployment',
            namespace: this.namespace.name,
            name: 'podinfo',
          },
        ]
      : [])
  }

  namespacePhase() {
    return this.namespace.phase
  }

  /** `kubectl delete namespace podinfo`. */
  deleteNamespace(): void {
    this.namespace.delete()
  }

  /** Argo CD's CreateNamespace=true: the sync's PreSync namespace task (gitops-engine sync_context.go 499-510). */
  createNamespace(): void {
    this.namespace.create()
  }

  scale(replicas: number): void {
    const deployment = this.requireDeployment()
    deployment.replicas = replicas
    this.specUpdated()
  }

  setTemplate(change: Partial<PodTemplate>): void {
    const deployment = this.requireDeployment()
    deployment.template = {
      ...deployment.template,
      ...change,
    }
    this.specUpdated()
  }

  /** The named pod, or the oldest running one; throws when there is none to delete. */
  podToDelete(name?: string): string {
    return this.pods.toDelete(name)
  }

  deletePod(name?: string): void {
    this.pods.delete(this.pods.toDelete(name))
    this.reconcile()
  }

  health(): Health {
    return deploymentHealth(this.deployment, this.pods.active(), this.replicaSets.current(this.deployment))
  }

  /** podinfo's Application health as Argo CD computes it from what is live (health.ts). */
  appHealth(): Health {
    return applicationHealth([
      ...this.objects.list().map(objectHealth),
      ...(this.deployment
        ? [
            this.health(),
          ]
        : []),
    ])
  }

  snapshot(): PodinfoState {
    return podinfoState({
      deployment: this.deployment,
      replicaSets: this.replicaSets.list(),
      current: this.replicaSets.current(this.deployment),
      pods: this.pods.list(),
      namespace: { name: this.namespace.name, phase: this.namespace.phase },
    })
  }

  /** The revisions `kubectl rollout history` would list: one per ReplicaSet still kept, oldest first. */
  rolloutHistory(): number[] {
    return this.replicaSets.revisions()
  }

  close(): void {
    this.closed = true
    this.pods.close()
    this.namespace.close()
    this.objects.close()
  }

  /** The namespace controller's second pass: every type but pods, with DeleteCollection (Background). */
  private deleteContent(): void {
    this.deployment = undefined
    this.replicaSets.clear()
    this.objects.clear()
    this.events.specChanged()
  }

  private requireDeployment(): PodinfoSpec {
    if (!this.deployment)
      throw new Error('Deployment podinfo does not exist')
    return this.deployment
  }

  private specUpdated(): void {
    this.reconcile()
    this.events.specChanged()
  }

  private reconcile(): void {
    if (this.closed)
      return
    if (this.deployment)
      this.replicaSets.rollOut(this.deployment, replicaSet => this.pods.readyOf(replicaSet))
    for (const replicaSet of this.replicaSets.list())
      this.pods.reconcile(replicaSet)
    this.replicaSets.cleanUpHistory(this.deployment, replicaSet => this.pods.hasAny(replicaSet))
    this.events.changed()
  }
}
