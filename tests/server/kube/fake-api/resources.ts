// The resources the fake API server serves, and the discovery documents kubectl reads to find them.

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
}

export const RESOURCES: readonly FakeResource[] = [
  {
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    group: '',
    version: 'v1',
    shortNames: ['po'],
    statusWritable: false,
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
  },
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

const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
]

/** GET /api, /apis, /api/v1, /apis/<group>/<version>: legacy (unaggregated) discovery, which every kubectl reads. */
export function discoveryDocument(path: string, serverAddress: string): object | undefined {
  const trimmed = path.replace(/\/$/, '')
  if (trimmed === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress },
      ],
    }
  }
  const groups = [
    ...new Set(RESOURCES.filter(resource => resource.group).map(resource => apiVersionOf(resource))),
  ]
  if (trimmed === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((groupVersion) => {
        const [name = '', version = ''] = groupVersion.split('/')
        return {
          name,
          versions: [
            { groupVersion, version },
          ],
          preferredVersion: { groupVersion, version },
        }
      }),
    }
  }
  const resources = RESOURCES.filter(resource => prefixOf(resource) === trimmed)
  if (resources.length === 0)
    return undefined
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(resources[0]!),
    resources: [
      ...resources.map(resource => ({
        name: resource.plural,
        singularName: resource.singular,
        namespaced: resource.namespaced !== false,
        kind: resource.kind,
        // kube-apiserver has no deletecollection for namespaces (pkg/registry/core/namespace/storage).
        verbs: resource.plural === 'namespaces'
          ? VERBS.filter(verb => verb !== 'deletecollection')
          : VERBS,
        shortNames: resource.shortNames,
      })),
    ],
  }
}
