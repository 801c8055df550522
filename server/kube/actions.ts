import type { KubeConfig, V1Pod } from '@kubernetes/client-node'
import type { Application, DemoTarget, SyncOperationRequest } from './resources'
import { AppsV1Api, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node'
import { COLOR_ENV } from '../../common/manifests'
import { describeApiError } from './errors'
import { withDeadline } from './http'
import { ARGOCD_GROUP, ARGOCD_VERSION, REFRESH_ANNOTATION, SYNC_INITIATOR } from './resources'

/** The demo's cluster-side actions, each one API request (what kubectl / the argocd CLI would send). */
export class ClusterActions {
  private readonly apps: AppsV1Api
  private readonly core: CoreV1Api
  private readonly custom: CustomObjectsApi

  constructor(config: KubeConfig, private readonly target: DemoTarget, private readonly requestMs: number) {
    this.apps = config.makeApiClient(AppsV1Api)
    this.core = config.makeApiClient(CoreV1Api)
    this.custom = config.makeApiClient(CustomObjectsApi)
  }

  /** `kubectl scale`: drift Argo CD's selfHeal puts back. */
  async scale(replicas: number): Promise<void> {
    await this.patchDeployment({
      spec: { replicas },
    })
  }

  /** `kubectl set env`: strategic merge keys containers and env entries by name. */
  async setColor(color: string): Promise<void> {
    await this.patchDeployment({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'podinfo',
                env: [
                  { name: COLOR_ENV, value: color },
                ],
              },
            ],
          },
        },
      },
    })
  }

  async deletePod(name: string): Promise<void> {
    await this.call(`delete pod ${name}`, () => this.core.deleteNamespacedPod({ name, namespace: this.target.namespace }, withDeadline(this.requestMs)))
  }

  /**
   * `kubectl delete namespace podinfo`, with kubectl's default propagationPolicy Background (kubectl
   * pkg/cmd/delete/delete.go 398, delete_flags.go 139). Foreground would only add a foregroundDeletion finalizer to the
   * namespace (storage.go shouldHaveDeleteDependentsFinalizer) that the garbage collector removes after the namespace
   * controller has emptied it: the same end, one more finalizer to watch, and not what the audience types. The 200
   * carries the namespace Terminating; the namespace controller deletes its content afterwards (watched, not awaited).
   */
  async deleteNamespace(): Promise<void> {
    const { namespace } = this.target
    await this.call(`delete namespace ${namespace}`, () => this.core.deleteNamespace({
      name: namespace,
      body: { propagationPolicy: 'Background' },
    }, withDeadline(this.requestMs)))
  }

  /** What `argocd app get --refresh` does: the controller fetches git and compares now. */
  async refresh(app: string): Promise<void> {
    await this.patchApplication(app, {
      metadata: {
        annotations: { [REFRESH_ANNOTATION]: 'normal' },
      },
    }, 'refresh')
  }

  /**
   * What `argocd app sync NAME --prune` makes Argo CD's API server write (server/application/application.go
   * Sync): `operation` with the Application's own syncOptions, retry and source(s); the controller
   * resolves the revision. Progress shows in status.operationState.
   */
  async sync(name: string): Promise<void> {
    // Like the API server's SetAppOperation (util/argo/argo.go 931-955): read the Application fresh, refuse while an
    // operation is set (the controller would drop a second one), clear the last operationState, and write only over
    // what was read (retry on a conflict). The controller's merge patches leave empty fields out, so an operationState
    // not cleared here would mix with the new one: the last initiator, self-heal count, resources, message, retries.
    for (let attempt = 1; ; attempt++) {
      const app = await this.readApplication(name)
      if (app.operation)
        throw new Error(`${name}: another operation is already in progress`)
      try {
        await this.patchApplication(name, {
          metadata: { resourceVersion: app.metadata?.resourceVersion },
          operation: syncOperation(app),
          status: { operationState: null },
        }, 'sync')
        return
      }
      catch (error) {
        if (attempt >= 3 || !/HTTP 409/.test(String(error)))
          throw error
      }
    }
  }

  private async readApplication(name: string): Promise<Application> {
    let app: Application | undefined
    await this.call(`read Application ${name}`, async () => {
      app = await this.custom.getNamespacedCustomObject({
        group: ARGOCD_GROUP,
        version: ARGOCD_VERSION,
        namespace: this.target.argocdNamespace,
        plural: 'applications',
        name,
      }, withDeadline(this.requestMs)) as Application
    })
    return app!
  }

  private async patchDeployment(body: object): Promise<void> {
    const { namespace, deployment } = this.target
    await this.call(`patch deployment ${namespace}/${deployment}`, () => this.apps.patchNamespacedDeployment(
      { name: deployment, namespace, body },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch, withDeadline(this.requestMs)),
    ))
  }

  private async patchApplication(name: string, body: object, what: string): Promise<void> {
    await this.call(`${what} Application ${name}`, () => this.custom.patchNamespacedCustomObject(
      {
        group: ARGOCD_GROUP,
        version: ARGOCD_VERSION,
        namespace: this.target.argocdNamespace,
        plural: 'applications',
        name,
        body,
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch, withDeadline(this.requestMs)),
    ))
  }

  private async call(what: string, request: () => Promise<unknown>): Promise<void> {
    try {
      await request()
    }
    catch (error) {
      throw new Error(`${what} failed: ${describeApiError(error)}`)
    }
  }
}

/**
 * The operation `argocd app sync NAME --prune` makes Argo CD's API server write for `app`; the CLI asks for the hook
 * strategy when --strategy is not given (cmd/argocd/commands/app.go 2415-2421).
 */
export function syncOperation(app: Application): SyncOperationRequest {
  const spec = app.spec ?? {}
  return {
    sync: {
      prune: true,
      syncStrategy: { hook: {} },
      ...(spec.syncPolicy?.syncOptions
        ? { syncOptions: spec.syncPolicy.syncOptions }
        : {}),
      ...(spec.sources?.length
        ? { sources: spec.sources }
        : spec.source
          ? { source: spec.source }
          : {}),
    },
    initiatedBy: { username: SYNC_INITIATOR },
    ...(spec.syncPolicy?.retry
      ? { retry: spec.syncPolicy.retry }
      : {}),
  }
}

/** The pod `kubectl delete pod` takes: the one asked for, else the first that is not terminating already. */
export function podToDelete(pods: readonly V1Pod[], requested: string | undefined, namespace: string): string {
  const name = requested ?? pods.find(pod => !pod.metadata?.deletionTimestamp)?.metadata?.name
  if (!name || !pods.some(pod => pod.metadata?.name === name)) {
    throw new Error(requested
      ? `no pod ${requested} in ${namespace}`
      : `no running pod in ${namespace} to delete`)
  }
  return name
}
