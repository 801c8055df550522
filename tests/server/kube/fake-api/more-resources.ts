// What else discovery serves, for the kube backend's look into podinfo's namespace before it deletes it: what a
// namespace may hold beside the demo's own kinds (a Role, Tekton's runs), what it must skip (Endpoints, EndpointSlices,
// events.k8s.io Events, create-only bindings, metrics.k8s.io's get-and-list PodMetrics) and a version discovery does
// not prefer. Tekton follows its v1.15.0 CRDs (config/300-crds/300-{pipelinerun,taskrun,customrun}.yaml: PipelineRuns
// and TaskRuns served as v1 and v1beta1, CustomRuns as v1beta1 only); metrics.k8s.io is metrics-server's APIService.
// Kinds served twice (events, pods, pipelineruns) share one store, keyed by plural: the first entry's.
import type { FakeResource } from './resources'

const STATUS = ['get', 'patch', 'update']

function tekton(version: string, kind: string, shortNames: string[]): FakeResource {
  const plural = `${kind.toLowerCase()}s`
  return {
    plural,
    singular: kind.toLowerCase(),
    kind,
    group: 'tekton.dev',
    version,
    shortNames,
    statusWritable: false,
    subresources: [
      { name: 'status', kind, verbs: STATUS },
    ],
    custom: true,
  }
}

export const MORE_RESOURCES: readonly FakeResource[] = [
  {
    plural: 'endpoints',
    singular: 'endpoints',
    kind: 'Endpoints',
    group: '',
    version: 'v1',
    shortNames: ['ep'],
    statusWritable: true,
  },
  // POST-only: a pod's binding to a node, never listed.
  {
    plural: 'bindings',
    singular: 'binding',
    kind: 'Binding',
    group: '',
    version: 'v1',
    shortNames: [],
    statusWritable: true,
    verbs: ['create'],
  },
  {
    plural: 'roles',
    singular: 'role',
    kind: 'Role',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    shortNames: [],
    statusWritable: true,
  },
  {
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    group: 'events.k8s.io',
    version: 'v1',
    shortNames: [],
    statusWritable: true,
  },
  {
    plural: 'endpointslices',
    singular: 'endpointslice',
    kind: 'EndpointSlice',
    group: 'discovery.k8s.io',
    version: 'v1',
    shortNames: [],
    statusWritable: true,
  },
  // The group's first version is its preferred one, as the API server lists them.
  tekton('v1', 'PipelineRun', ['pr', 'prs']),
  tekton('v1', 'TaskRun', ['tr', 'trs']),
  tekton('v1beta1', 'CustomRun', []),
  tekton('v1beta1', 'PipelineRun', ['pr', 'prs']),
  tekton('v1beta1', 'TaskRun', ['tr', 'trs']),
  {
    plural: 'pods',
    singular: '',
    kind: 'PodMetrics',
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    shortNames: [],
    statusWritable: true,
    verbs: ['get', 'list'],
    custom: true,
  },
  {
    plural: 'nodes',
    singular: '',
    kind: 'NodeMetrics',
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    shortNames: [],
    statusWritable: true,
    namespaced: false,
    verbs: ['get', 'list'],
    custom: true,
  },
]
