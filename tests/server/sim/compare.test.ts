// The modelled Argo CD's comparison: the Deployment's modelled fields, and the resources git declares that are not
// live, in the order Argo CD v3.4.7 lists status.resources (group/kind/namespace/name).
import type { ManifestResource, PodinfoSpec } from '../../../common/manifests'
import { describe, expect, it } from 'vitest'
import { compareWithLive } from '../../../server/sim/compare'

const spec: PodinfoSpec = {
  replicas: 2,
  template: { image: 'ghcr.io/stefanprodan/podinfo:6.9.2', color: '#34577c', message: 'hi' },
}
const service: ManifestResource = {
  group: '',
  kind: 'Service',
  namespace: 'podinfo',
  name: 'podinfo',
}
const deployment: ManifestResource = {
  group: 'apps',
  kind: 'Deployment',
  namespace: 'podinfo',
  name: 'podinfo',
}
const ingress: ManifestResource = {
  group: 'networking.k8s.io',
  kind: 'Ingress',
  namespace: 'podinfo',
  name: 'podinfo',
}
// Declared in the order a kustomization might list them, not in Argo CD's.
const desired = {
  spec,
  resources: [ingress, deployment, service],
}

describe('compareWithLive', () => {
  it('finds nothing when every resource is live and the Deployment is as git says', () => {
    expect(compareWithLive(desired, [service, deployment, ingress], structuredClone(spec))).toBeUndefined()
  })

  it('names each modelled field that differs, with git\'s value and the live one', () => {
    const live = {
      ...structuredClone(spec),
      replicas: 5,
    }
    live.template.color = '#ff0000'
    expect(compareWithLive(desired, [service, deployment, ingress], live)).toEqual({
      diffs: [
        { field: 'replicas', git: '2', live: '5' },
        { field: 'color', git: '#34577c', live: '#ff0000' },
      ],
      missing: [],
    })
  })

  it('lists the resources that are not live in status.resources\' order, and no field without a live Deployment', () => {
    expect(compareWithLive(desired, [], undefined)).toEqual({
      diffs: [],
      missing: ['Service podinfo/podinfo', 'Deployment podinfo/podinfo', 'Ingress podinfo/podinfo'],
    })
    expect(compareWithLive(desired, [deployment], structuredClone(spec))).toEqual({
      diffs: [],
      missing: ['Service podinfo/podinfo', 'Ingress podinfo/podinfo'],
    })
  })
})
