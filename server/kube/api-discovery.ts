// The resource types a namespace deletion empties, read from API discovery as `kubectl api-resources --namespaced
// --verbs=list,delete` and the namespace controller read it (client-go v0.33.5 discovery/discovery_client.go:
// ServerPreferredResources 519-592, every group/version's list 595-629; kubectl v0.33.5 apiresources.go 167-209):
// /api/v1 and every group/version /apis lists, one version per resource (the group's preferred version, else the first
// that serves it), no subresources (pods/log), namespaced, with `list` (to see them) and `delete` (the namespace
// controller deletes only those: metrics.k8s.io's PodMetrics, get and list only, are a view of the pods, not content).
import type { KubeConfig, V1APIGroupList, V1APIResource } from '@kubernetes/client-node'
import { ApisApi, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node'
import { describeApiError } from './errors'
import { withDeadline } from './http'

/** One resource type: its group ('' for core), its group/version as an apiVersion ('v1', 'apps/v1'), its discovery. */
export interface DiscoveredType {
  group: string
  groupVersion: string
  resource: V1APIResource
}

interface Served { group: string, groupVersion: string, preferred: boolean, resources: readonly V1APIResource[] }

/**
 * Every namespaced type that supports list and delete. Throws a one-line error when /api/v1 or /apis does not answer,
 * or when any group/version does not: kubectl prints what it could read and fails, the namespace controller deletes
 * what it could read and then keeps the namespace Terminating until discovery is complete (k8s issue #83332: an
 * unavailable aggregated API such as metrics.k8s.io blocks every namespace deletion). Skipping such a group would
 * start a deletion Kubernetes does not finish, with Argo CD's creates refused meanwhile: refuse instead, and name it.
 */
export async function discoverNamespacedTypes(config: KubeConfig, requestMs: number, cancel?: AbortSignal): Promise<DiscoveredType[]> {
  const options = () => withDeadline(requestMs, cancel)
  // The core group has one version, v1, since Kubernetes 1.0: kubectl reads /api only to find that out.
  const [core, groups] = await Promise.all([
    root('/api/v1', () => config.makeApiClient(CoreV1Api).getAPIResources(options())),
    root('/apis', () => config.makeApiClient(ApisApi).getAPIVersions(options())),
  ])
  const versions = groupVersions(groups)
  const custom = config.makeApiClient(CustomObjectsApi)
  const answers = await Promise.allSettled(versions.map(({ group, version }) => custom.getAPIResources({ group, version }, options())))
  const failed = answers.flatMap((answer, index) => answer.status === 'rejected'
    ? [
        {
          ...versions[index]!,
          reason: describeApiError(answer.reason),
        },
      ]
    : [])
  if (failed.length > 0) {
    const names = failed.map(({ groupVersion, reason }) => `${groupVersion} (${reason})`).join(', ')
    const apiServices = failed.map(({ group, version }) => `${version}.${group}`).join(' ')
    throw new Error(`API discovery of ${names} failed, and Kubernetes does not finish deleting a namespace without it either: make the APIService available or remove it (kubectl get apiservice ${apiServices}), then try again`)
  }
  const served: Served[] = [
    {
      group: '',
      groupVersion: 'v1',
      preferred: true,
      resources: core.resources,
    },
    ...versions.map(({ group, groupVersion, preferred }, index) => {
      const answer = answers[index]
      return {
        group,
        groupVersion,
        preferred,
        resources: answer?.status === 'fulfilled'
          ? answer.value.resources
          : [],
      }
    }),
  ]
  return preferredTypes(served).filter(({ resource }) => resource.namespaced && resource.verbs.includes('list') && resource.verbs.includes('delete'))
}

async function root<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  }
  catch (error) {
    throw new Error(`API discovery (GET ${path}) failed: ${describeApiError(error)}; try again when the API answers`)
  }
}

function groupVersions(list: V1APIGroupList) {
  return list.groups.flatMap(group => group.versions.map(version => ({
    group: group.name,
    version: version.version,
    groupVersion: version.groupVersion,
    preferred: version.version === group.preferredVersion?.version,
  })))
}

/** One version per resource, in discovery's order: the preferred version wins, else the first that serves it. */
function preferredTypes(served: readonly Served[]): DiscoveredType[] {
  const chosen = new Map<string, DiscoveredType>()
  for (const { group, groupVersion, preferred, resources } of served) {
    for (const resource of resources) {
      const key = `${group}/${resource.name}`
      if (resource.name.includes('/') || (chosen.has(key) && !preferred))
        continue
      chosen.set(key, { group, groupVersion, resource })
    }
  }
  return [
    ...chosen.values(),
  ]
}
