// What podinfo's namespace holds, and what of it the podinfo Application does not account for: the kube backend
// deletes the namespace only when the Application would bring all of it back (deleting it loses anything else).
// Every type API discovery finds is looked at (server/kube/api-discovery.ts), custom resources too.
import type { Configuration, KubeConfig } from '@kubernetes/client-node'
import type { DiscoveredType } from './api-discovery'
import type { Application } from './resources'
import { KubernetesObjectApi } from '@kubernetes/client-node'
import { errorMessage } from '../../common/text'
import { formatSeconds } from '../support/deadline'
import { discoverNamespacedTypes } from './api-discovery'
import { describeApiError } from './errors'
import { DeadlineHttpLibrary } from './http'

interface Identity { group: string, kind: string, name: string }

/** One object in the namespace: its group ('' for core), kind and name, and its owners. */
export interface NamespacedObject extends Identity {
  owners: readonly Identity[]
}

const key = ({ group, kind, name }: Identity) => `${group}/${kind}/${name}`

/**
 * Kubernetes puts these in every namespace itself (the root-ca-cert publisher and the service account controller):
 * they come back with the new namespace, so losing them loses nothing.
 */
const KUBERNETES_OWN = new Set([
  key({ group: '', kind: 'ConfigMap', name: 'kube-root-ca.crt' }),
  key({ group: '', kind: 'ServiceAccount', name: 'default' }),
])

/**
 * Types that are not content: Events (core and events.k8s.io serve the same objects) are Kubernetes' record of what
 * happened; Endpoints and EndpointSlices are made by controllers from the Services (and come back with them).
 */
const NOT_CONTENT = new Set([
  '/events',
  'events.k8s.io/events',
  '/endpoints',
  'discovery.k8s.io/endpointslices',
])

function groupOf(apiVersion: string | undefined) {
  return apiVersion?.includes('/')
    ? apiVersion.split('/')[0]!
    : ''
}

/**
 * Lists the namespace's content: discovery, then one list per type, all at once. Discovery and the lists share one
 * deadline of `requestMs`, so the DELETE after them still fits in the action's (two requests' worth). Throws a
 * one-line error saying what to do when any of it fails: refuse, not guess.
 */
export async function listNamespaceContent(config: KubeConfig, namespace: string, requestMs: number): Promise<NamespacedObject[]> {
  const budget = AbortSignal.timeout(requestMs)
  try {
    const types = (await discoverNamespacedTypes(config, requestMs, budget))
      .filter(type => !NOT_CONTENT.has(`${type.group}/${type.resource.name}`))
    const api = objectApi(config, types, requestMs, budget)
    const lists = await Promise.all(types.map(async ({ group, groupVersion, resource }) => {
      try {
        const listed = await api.list(groupVersion, resource.kind, namespace)
        return listed.items.map(item => ({
          group,
          kind: resource.kind,
          name: item.metadata?.name ?? '',
          owners: (item.metadata?.ownerReferences ?? []).map(owner => ({
            group: groupOf(owner.apiVersion),
            kind: owner.kind,
            name: owner.name,
          })),
        }))
      }
      catch (error) {
        const name = group
          ? `${resource.name}.${group}`
          : resource.name
        throw new Error(`list ${name} failed: ${describeApiError(error)}; try again`)
      }
    }))
    return lists.flat()
  }
  catch (error) {
    const why = budget.aborted
      ? `API discovery and the lists took over ${formatSeconds(requestMs)}; try again`
      : errorMessage(error)
    throw new Error(`cannot tell what namespace ${namespace} holds: ${why}`)
  }
}

/**
 * client-node's generic lister on the discovery just read (it looks types up by kind in its cache, so no second look-up)
 * and within the budget. Two types of one kind in one group/version cannot be told apart that way: refuse.
 */
function objectApi(config: KubeConfig, types: readonly DiscoveredType[], requestMs: number, budget: AbortSignal): KubernetesObjectApi {
  const seen = new Set<string>()
  for (const { groupVersion, resource } of types) {
    if (seen.has(`${groupVersion}/${resource.kind}`))
      throw new Error(`${groupVersion} serves two resource types of kind ${resource.kind}; they cannot be listed apart`)
    seen.add(`${groupVersion}/${resource.kind}`)
  }
  return config.makeApiClient(class extends KubernetesObjectApi {
    constructor(configuration: Configuration) {
      super({
        ...configuration,
        httpApi: new DeadlineHttpLibrary(requestMs, budget),
      })
      for (const { groupVersion, resource } of types) {
        const list = this.apiVersionResourceCache[groupVersion] ??= { groupVersion, resources: [] }
        list.resources.push(resource)
      }
    }
  })
}

/**
 * What in `content` the Application does not account for, as "Kind name": an object is accounted for when
 * status.resources lists it, when Kubernetes made it for every namespace, or when an object accounted for owns it
 * (the Deployment's ReplicaSets and their Pods; a PipelineRun's TaskRuns and theirs).
 */
export function foreignResources(content: readonly NamespacedObject[], app: Application | undefined, namespace: string): string[] {
  const accounted = new Set<string>(KUBERNETES_OWN)
  for (const resource of app?.status?.resources ?? []) {
    if ((resource.namespace ?? namespace) === namespace)
      accounted.add(key({ group: resource.group ?? '', kind: resource.kind ?? '', name: resource.name ?? '' }))
  }
  // Owners before what they own, however deep: until a round accounts for nothing new.
  for (let grew = true; grew;) {
    grew = false
    for (const object of content) {
      if (!accounted.has(key(object)) && object.owners.some(owner => accounted.has(key(owner)))) {
        accounted.add(key(object))
        grew = true
      }
    }
  }
  return content
    .filter(object => !accounted.has(key(object)))
    .map(object => `${object.kind} ${object.name}`)
}
