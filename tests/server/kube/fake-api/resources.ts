// The resources the fake API server serves (discovery.ts says so to clients).
import { MORE_RESOURCES } from './more-resources'

export interface FakeResource {
  plural: string
  singular: string
  kind: string
  /** '' for the core group. */
  group: string
  version: string
  shortNames: string[]
  /** Whether PATCH/PUT on the object itself may change `status` (false: a status subresource exists). */
  statusWritable: boolean
  /** False for a cluster-scoped resource (a Namespace). */
  namespaced?: boolean
  /** What discovery says it supports (default: all eight verbs). */
  verbs?: readonly string[]
  /** Listed by discovery after the resource itself, as `pods/log`. */
  subresources?: readonly { name: string, kind: string, verbs: readonly string[] }[]
  /** A custom or aggregated resource: its list items carry apiVersion and kind; no strategic merge patch. */
  custom?: boolean
}

const STATUS = ['get', 'patch', 'update']

export const RESOURCES: readonly FakeResource[] = [
  {
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    group: '',
    version: 'v1',
    shortNames: ['po'],
    statusWritable: false,
    subresources: [
      {
        name: 'log',
        kind: 'Pod',
        verbs: ['get'],
      },
      { name: 'status', kind: 'Pod', verbs: STATUS },
    ],
  },
  {
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    group: '',
    version: 'v1',
    shortNames: ['ev'],
    statusWritable: true,
  },
  {
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    shortNames: ['deploy'],
    statusWritable: false,
    subresources: [
      { name: 'scale', kind: 'Scale', verbs: STATUS },
      { name: 'status', kind: 'Deployment', verbs: STATUS },
    ],
  },
  {
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    group: 'apps',
    version: 'v1',
    shortNames: ['rs'],
    statusWritable: false,
  },
  // podinfo's other resources, and what every namespace gets (kube-root-ca.crt, the default ServiceAccount).
  {
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    group: '',
    version: 'v1',
    shortNames: ['svc'],
    statusWritable: false,
  },
  {
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    group: '',
    version: 'v1',
    shortNames: ['cm'],
    statusWritable: true,
  },
  {
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    group: '',
    version: 'v1',
    shortNames: ['sa'],
    statusWritable: true,
  },
  {
    plural: 'ingresses',
    singular: 'ingress',
    kind: 'Ingress',
    group: 'networking.k8s.io',
    version: 'v1',
    shortNames: ['ing'],
    statusWritable: false,
  },
  // What else a namespace may hold: the kube backend looks for these before it deletes podinfo's namespace.
  {
    plural: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    group: '',
    version: 'v1',
    shortNames: [],
    statusWritable: true,
  },
  {
    plural: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    kind: 'PersistentVolumeClaim',
    group: '',
    version: 'v1',
    shortNames: ['pvc'],
    statusWritable: false,
  },
  {
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    group: 'apps',
    version: 'v1',
    shortNames: ['sts'],
    statusWritable: false,
  },
  {
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    group: 'apps',
    version: 'v1',
    shortNames: ['ds'],
    statusWritable: false,
  },
  {
    plural: 'jobs',
    singular: 'job',
    kind: 'Job',
    group: 'batch',
    version: 'v1',
    shortNames: [],
    statusWritable: false,
  },
  {
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    group: '',
    version: 'v1',
    shortNames: ['ns'],
    statusWritable: false,
    namespaced: false,
  },
  // Argo CD's CRD has no status subresource: the controller writes status through the object itself.
  {
    plural: 'applications',
    singular: 'application',
    kind: 'Application',
    group: 'argoproj.io',
    version: 'v1alpha1',
    shortNames: ['app', 'apps'],
    statusWritable: true,
    custom: true,
  },
  ...MORE_RESOURCES,
]

export function apiVersionOf(resource: FakeResource) {
  return resource.group
    ? `${resource.group}/${resource.version}`
    : resource.version
}
export function prefixOf(resource: FakeResource) {
  return resource.group
    ? `/apis/${resource.group}/${resource.version}`
    : `/api/${resource.version}`
}
/** How Status messages name a resource: `deployments.apps`, `pods`. */
export function qualifiedName(resource: FakeResource) {
  return resource.group
    ? `${resource.plural}.${resource.group}`
    : resource.plural
}

export function findResource(prefix: string, plural: string): FakeResource | undefined {
  return RESOURCES.find(resource => resource.plural === plural && prefixOf(resource) === prefix)
}
