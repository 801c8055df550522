// What podinfo's namespace holds, and what of it the podinfo Application does not account for: the kube backend
// deletes the namespace only when the Application would bring all of it back (deleting it loses anything else).
import type { KubeConfig, KubernetesListObject, KubernetesObject, V1OwnerReference } from '@kubernetes/client-node'
import type { Application } from './resources'
import { AppsV1Api, BatchV1Api, CoreV1Api, NetworkingV1Api } from '@kubernetes/client-node'
import { describeApiError } from './errors'
import { withDeadline } from './http'

/** One object in the namespace: its kind, name and owners. */
export interface NamespacedObject {
  kind: string
  name: string
  owners: readonly { kind: string, name: string }[]
}

/**
 * Kubernetes puts these in every namespace itself (the root-ca-cert publisher and the service account controller):
 * they come back with the new namespace, so losing them loses nothing.
 */
const KUBERNETES_OWN = new Set(['ConfigMap/kube-root-ca.crt', 'ServiceAccount/default'])

/**
 * The kinds looked at: what an app or a person puts in a namespace by hand. Not listed: Events (Kubernetes' record,
 * not content), Endpoints and EndpointSlices (made from Services), and custom resources (no discovery here).
 */
type Lister = (api: Apis, namespace: string, options: ReturnType<typeof withDeadline>) => Promise<KubernetesListObject<KubernetesObject>>
interface Apis { core: CoreV1Api, apps: AppsV1Api, batch: BatchV1Api, networking: NetworkingV1Api }

const LISTERS: Record<string, Lister> = {
  Pod: (api, namespace, options) => api.core.listNamespacedPod({ namespace }, options),
  Service: (api, namespace, options) => api.core.listNamespacedService({ namespace }, options),
  ConfigMap: (api, namespace, options) => api.core.listNamespacedConfigMap({ namespace }, options),
  Secret: (api, namespace, options) => api.core.listNamespacedSecret({ namespace }, options),
  ServiceAccount: (api, namespace, options) => api.core.listNamespacedServiceAccount({ namespace }, options),
  PersistentVolumeClaim: (api, namespace, options) => api.core.listNamespacedPersistentVolumeClaim({ namespace }, options),
  Deployment: (api, namespace, options) => api.apps.listNamespacedDeployment({ namespace }, options),
  ReplicaSet: (api, namespace, options) => api.apps.listNamespacedReplicaSet({ namespace }, options),
  StatefulSet: (api, namespace, options) => api.apps.listNamespacedStatefulSet({ namespace }, options),
  DaemonSet: (api, namespace, options) => api.apps.listNamespacedDaemonSet({ namespace }, options),
  Job: (api, namespace, options) => api.batch.listNamespacedJob({ namespace }, options),
  Ingress: (api, namespace, options) => api.networking.listNamespacedIngress({ namespace }, options),
}

const owners = (references: readonly V1OwnerReference[] | undefined) => (references ?? []).map(reference => ({ kind: reference.kind, name: reference.name }))

/** Lists the namespace's content, one request per kind, all at once (each within `requestMs`). */
export async function listNamespaceContent(config: KubeConfig, namespace: string, requestMs: number): Promise<NamespacedObject[]> {
  const apis: Apis = {
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    batch: config.makeApiClient(BatchV1Api),
    networking: config.makeApiClient(NetworkingV1Api),
  }
  const lists = await Promise.all(Object.entries(LISTERS).map(async ([kind, list]) => {
    try {
      const listed = await list(apis, namespace, withDeadline(requestMs))
      return listed.items.map(item => ({
        kind,
        name: item.metadata?.name ?? '',
        owners: owners(item.metadata?.ownerReferences),
      }))
    }
    catch (error) {
      throw new Error(`list ${kind}s in ${namespace} failed: ${describeApiError(error)}`)
    }
  }))
  return lists.flat()
}

/**
 * What in `content` the Application does not account for, as "Kind name": an object is accounted for when
 * status.resources lists it, when Kubernetes made it for every namespace, or when an object accounted for owns it
 * (the Deployment's ReplicaSets, their Pods). An owner of a kind not listed here does not count: refuse, not guess.
 */
export function foreignResources(content: readonly NamespacedObject[], app: Application | undefined, namespace: string): string[] {
  const key = (kind: string | undefined, name: string | undefined) => `${kind}/${name}`
  const accounted = new Set<string>(KUBERNETES_OWN)
  for (const resource of app?.status?.resources ?? []) {
    if ((resource.namespace ?? namespace) === namespace)
      accounted.add(key(resource.kind, resource.name))
  }
  // Owners before what they own: a Deployment's ReplicaSet, then its Pods (two steps; one more for safety).
  for (let round = 0; round < 3; round++) {
    for (const object of content) {
      if (object.owners.some(owner => accounted.has(key(owner.kind, owner.name))))
        accounted.add(key(object.kind, object.name))
    }
  }
  return content
    .filter(object => !accounted.has(key(object.kind, object.name)))
    .map(object => `${object.kind} ${object.name}`)
}
