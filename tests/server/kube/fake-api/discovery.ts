// The discovery documents kubectl and the kube backend read to find the fake's resources: legacy (unaggregated)
// discovery, which every client can read (GET /api, /apis, /api/v1, /apis/<group>/<version>).
import type { FakeResource } from './resources'
import { apiVersionOf, prefixOf, RESOURCES } from './resources'

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

/** The verbs discovery lists for a resource; kube-apiserver has no deletecollection for namespaces (pkg/registry/core/namespace/storage). */
function verbsOf(resource: FakeResource): readonly string[] {
  return resource.verbs ?? (resource.plural === 'namespaces'
    ? VERBS.filter(verb => verb !== 'deletecollection')
    : VERBS)
}

/** Each group with its versions in the order RESOURCES first names them; the first is the preferred one. */
function groups(): { name: string, versions: string[] }[] {
  const found = new Map<string, string[]>()
  for (const { group, version } of RESOURCES.filter(resource => resource.group)) {
    const versions = found.get(group) ?? []
    if (!versions.includes(version))
      versions.push(version)
    found.set(group, versions)
  }
  return [...found].map(([name, versions]) => ({ name, versions }))
}

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
  if (trimmed === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups().map(({ name, versions }) => ({
        name,
        versions: versions.map(version => ({ groupVersion: `${name}/${version}`, version })),
        preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
      })),
    }
  }
  const resources = RESOURCES.filter(resource => prefixOf(resource) === trimmed)
  if (resources.length === 0)
    return undefined
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(resources[0]!),
    resources: resources.flatMap(resource => [
      {
        name: resource.plural,
        singularName: resource.singular,
        namespaced: resource.namespaced !== false,
        kind: resource.kind,
        verbs: verbsOf(resource),
        shortNames: resource.shortNames,
      },
      ...(resource.subresources ?? []).map(subresource => ({
        name: `${resource.plural}/${subresource.name}`,
        singularName: '',
        namespaced: resource.namespaced !== false,
        kind: subresource.kind,
        verbs: subresource.verbs,
      })),
    ]),
  }
}

/**
 * An aggregated API whose server is down: kube-aggregator still lists its group in /apis (handler_apis.go 70-95) and
 * answers everything under /apis/<group>/<version> with http.Error's 503 "service unavailable" (handler_proxy.go
 * 93-94, 122-125; kube-aggregator v0.33.5).
 */
export function isUnavailable(path: string, unavailable: ReadonlySet<string>): boolean {
  return [...unavailable].some(groupVersion => path === `/apis/${groupVersion}` || path.startsWith(`/apis/${groupVersion}/`))
}
