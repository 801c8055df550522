import type { CoreV1Event, KubeConfig, KubernetesListObject, V1Deployment, V1Namespace, V1Pod, V1ReplicaSet } from '@kubernetes/client-node'
import type { Backoff } from './backoff'
import type { InformerVerb } from './informers'
import type { Application, DemoTarget } from './resources'
import { AppsV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node'
import { withDeadline } from './http'
import { ResilientInformer } from './informers'
import { ARGOCD_GROUP, ARGOCD_VERSION } from './resources'

export interface DemoInformerCallbacks {
  applications: (verb: InformerVerb, object: Application) => void
  deployments: (verb: InformerVerb, object: V1Deployment) => void
  replicaSets: (verb: InformerVerb, object: V1ReplicaSet) => void
  pods: (verb: InformerVerb, object: V1Pod) => void
  events: (verb: InformerVerb, object: CoreV1Event) => void
  namespaces: (verb: InformerVerb, object: V1Namespace) => void
  /** A watch failed or recovered. */
  health: () => void
}

/** The six watches the demo state is made of. */
export function createDemoInformers(config: KubeConfig, target: DemoTarget, backoff: Backoff, requestMs: number, callbacks: DemoInformerCallbacks) {
  const apps = config.makeApiClient(AppsV1Api)
  const core = config.makeApiClient(CoreV1Api)
  const custom = config.makeApiClient(CustomObjectsApi)
  const { namespace, argocdNamespace, deployment } = target
  // podinfo's chart and manifests label everything with its name; the Deployment's selector uses it too.
  const labelSelector = `app.kubernetes.io/name=${deployment}`
  const common = { config, backoff, onHealth: callbacks.health }

  const applications = new ResilientInformer<Application>({
    ...common,
    name: 'Applications',
    path: `/apis/${ARGOCD_GROUP}/${ARGOCD_VERSION}/namespaces/${argocdNamespace}/applications`,
    list: async cancel => await custom.listNamespacedCustomObject({
      group: ARGOCD_GROUP,
      version: ARGOCD_VERSION,
      namespace: argocdNamespace,
      plural: 'applications',
    }, withDeadline(requestMs, cancel)) as KubernetesListObject<Application>,
    onObject: callbacks.applications,
  })
  const deployments = new ResilientInformer<V1Deployment>({
    ...common,
    name: 'Deployments',
    path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    list: cancel => apps.listNamespacedDeployment({ namespace }, withDeadline(requestMs, cancel)),
    onObject: callbacks.deployments,
  })
  const replicaSets = new ResilientInformer<V1ReplicaSet>({
    ...common,
    name: 'ReplicaSets',
    path: `/apis/apps/v1/namespaces/${namespace}/replicasets`,
    list: cancel => apps.listNamespacedReplicaSet({ namespace, labelSelector }, withDeadline(requestMs, cancel)),
    labelSelector,
    onObject: callbacks.replicaSets,
  })
  const pods = new ResilientInformer<V1Pod>({
    ...common,
    name: 'Pods',
    path: `/api/v1/namespaces/${namespace}/pods`,
    list: cancel => core.listNamespacedPod({ namespace, labelSelector }, withDeadline(requestMs, cancel)),
    labelSelector,
    onObject: callbacks.pods,
  })
  const events = new ResilientInformer<CoreV1Event>({
    ...common,
    name: 'Events',
    path: `/api/v1/namespaces/${namespace}/events`,
    list: cancel => core.listNamespacedEvent({ namespace }, withDeadline(requestMs, cancel)),
    onObject: callbacks.events,
  })
  // podinfo's namespace alone: its phase while it is deleted, and when it is gone and back.
  const fieldSelector = `metadata.name=${namespace}`
  const namespaces = new ResilientInformer<V1Namespace>({
    ...common,
    name: 'Namespaces',
    path: '/api/v1/namespaces',
    list: cancel => core.listNamespace({ fieldSelector }, withDeadline(requestMs, cancel)),
    fieldSelector,
    onObject: callbacks.namespaces,
  })
  return {
    applications,
    deployments,
    replicaSets,
    pods,
    events,
    namespaces,
    all: [
      applications,
      deployments,
      replicaSets,
      pods,
      events,
      namespaces,
    ] as const,
  }
}
