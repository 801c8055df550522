import type { KubeObject } from './helpers'
import { existsSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileRole, listYamlFiles, loadAllGitOpsDocuments, loadKubeObjects, loadSingle, loadYaml, repoPath } from './helpers'
import { validateObject } from './object-validators'

const yamlFiles = [
  ...listYamlFiles('apps'),
  ...listYamlFiles('manifests'),
]

describe('every YAML file under apps/ and manifests/', () => {
  it.each(yamlFiles)('%s parses', (file) => {
    expect(loadYaml(file).length).toBeGreaterThan(0)
  })
})

describe('every Kubernetes object', () => {
  const objects = loadKubeObjects()

  it.each(objects.map(({ file, object }) => [`${file}: ${object.kind}/${object.metadata?.name ?? object.metadata?.generateName}`, object] as const))(
    '%s validates against its kind',
    (_label, object) => {
      expect(() => validateObject(object)).not.toThrow()
    },
  )

  it('has a namespace (nothing lands in "default" by accident), except cluster-scoped kinds', () => {
    const clusterScoped = new Set(['Namespace'])
    const missing = objects.filter(({ object }) => !clusterScoped.has(object.kind) && !object.metadata.namespace)
    expect(missing.map(({ file }) => file)).toEqual([])
  })

  it('rejects an unknown kind, and a known kind at a wrong apiVersion', () => {
    const unknown = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'x' },
    } as KubeObject
    expect(() => validateObject(unknown)).toThrow(/unknown apiVersion\/kind/)
    const wrongVersion = {
      apiVersion: 'apps/v1beta1',
      kind: 'Deployment',
      metadata: { name: 'x' },
    } as KubeObject
    expect(() => validateObject(wrongVersion)).toThrow()
  })
})

describe('kustomizations', () => {
  const kustomizations = loadAllGitOpsDocuments().filter(({ file }) => fileRole(file) === 'kustomization')

  it.each(kustomizations.map(({ file, doc }) => [file, doc] as const))('%s lists existing files or pinned URLs', (file, doc) => {
    const kustomization = doc as { resources?: string[], patches?: Array<{ path?: string }> }
    const local = [
      ...(kustomization.resources ?? []),
      ...(kustomization.patches ?? []).flatMap(patch => patch.path ?? []),
    ]
      .filter(entry => !entry.startsWith('https://'))
    for (const entry of local)
      expect(existsSync(repoPath(dirname(file), entry)), `${file} → ${entry}`).toBe(true)
    for (const url of (kustomization.resources ?? []).filter(entry => entry.startsWith('https://')))
      expect(url, 'remote resources must name a release tag').toMatch(/\/v\d+\.\d+\.\d+\//)
  })
})

describe('helm values (not Kubernetes objects)', () => {
  it('ingress-nginx asks MetalLB for 192.168.56.200 on a LoadBalancer Service', () => {
    const values = loadSingle<any>('manifests/networking/ingress-nginx/values.yaml')
    expect(values.controller.service.type).toBe('LoadBalancer')
    expect(values.controller.service.annotations['metallb.io/loadBalancerIPs']).toBe('192.168.56.200')
    expect(values.controller.ingressClassResource.name).toBe('nginx')
  })

  it('no Helm values file holds a password (Grafana reads its admin password from a Secret bootstrap.sh creates)', () => {
    const values = loadSingle<any>('manifests/monitoring/kube-prometheus-stack/values.yaml')
    expect(values.grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' })
    const bootstrap = readFileSync(repoPath('scripts/vm/bootstrap.sh'), 'utf8')
    expect(bootstrap).toContain('create secret generic grafana-admin')
    for (const file of listYamlFiles('manifests').filter(name => fileRole(name) === 'helm-values'))
      expect(readFileSync(repoPath(file), 'utf8'), file).not.toMatch(/^\s*(?:admin)?password:/im)
  })

  it('kube-prometheus-stack leaves the Grafana Ingress to manifests/ and skips what k3s does not expose', () => {
    const values = loadSingle<any>('manifests/monitoring/kube-prometheus-stack/values.yaml')
    expect(values.grafana.ingress.enabled).toBe(false)
    for (const component of [
      'kubeEtcd',
      'kubeControllerManager',
      'kubeScheduler',
      'kubeProxy',
    ])
      expect(values[component].enabled, component).toBe(false)
  })
})
