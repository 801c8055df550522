import type { KubeObject } from './helpers'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { gitPathSourcesOf } from './argo-applications'
import { loadKubeObjects, loadSingle, repoPath, syncWave } from './helpers'

// What the talk says and what the demo server relies on (see the fixed contract).
const objects = loadKubeObjects()
const ofKind = (kind: string): KubeObject[] => objects.filter(({ object }) => object.kind === kind).map(({ object }) => object)

describe('podinfo', () => {
  const deploymentFile = 'manifests/apps/podinfo/deployment.yaml'
  const deployment = loadSingle(deploymentFile)
  const container = deployment.spec.template.spec.containers[0]

  it('is one Deployment "podinfo" in namespace podinfo with explicit replicas: 2 and a pinned 6.x image', () => {
    expect(deployment.kind).toBe('Deployment')
    expect(deployment.metadata).toMatchObject({ name: 'podinfo', namespace: 'podinfo' })
    expect(deployment.spec.replicas).toBe(2)
    expect(deployment.spec.template.spec.containers).toHaveLength(1)
    expect(container.name).toBe('podinfo')
    expect(container.image).toMatch(/^ghcr\.io\/stefanprodan\/podinfo:6\.\d+\.\d+$/)
  })

  it('carries colour and message as one-line env values (a one-line change is a one-line diff)', () => {
    const text = readFileSync(repoPath(deploymentFile), 'utf8')
    expect(text).toMatch(/\n {12}- name: PODINFO_UI_COLOR\n {14}value: "#[0-9a-f]{6}"\n/i)
    expect(text).toMatch(/\n {12}- name: PODINFO_UI_MESSAGE\n {14}value: "[^"\n]+"\n/)
  })

  it('has probes and resources', () => {
    expect(container.readinessProbe).toBeDefined()
    expect(container.livenessProbe).toBeDefined()
    expect(container.resources.requests).toBeDefined()
  })

  it('has no HorizontalPodAutoscaler, so scaling it by hand is drift', () => {
    const targetsPodinfo = ofKind('HorizontalPodAutoscaler').filter(hpa => hpa.spec?.scaleTargetRef?.name === 'podinfo')
    expect(targetsPodinfo).toEqual([])
  })

  it('its Application syncs manifests/apps/podinfo into namespace podinfo', () => {
    const app = loadSingle('apps/apps/podinfo.yaml')
    expect(app.metadata).toMatchObject({ name: 'podinfo', namespace: 'argocd' })
    expect(gitPathSourcesOf(app).map(source => source.path)).toEqual(['manifests/apps/podinfo'])
    expect(app.spec.destination.namespace).toBe('podinfo')
    expect(app.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true')
  })
})

describe('the architecture diagram', () => {
  const hosts = ofKind('Ingress').flatMap(ingress => (ingress.spec.rules as Array<{ host: string }>).map(rule => rule.host))

  it.each(['podinfo', 'argocd', 'grafana'])('%s.192.168.56.200.nip.io has an Ingress', (name) => {
    expect(hosts).toContain(`${name}.192.168.56.200.nip.io`)
  })

  it('the MetalLB pool holds 192.168.56.200 and is advertised on L2', () => {
    const [pool] = ofKind('IPAddressPool')
    expect(pool!.spec.addresses).toContain('192.168.56.200/32')
    const [advertisement] = ofKind('L2Advertisement')
    expect(advertisement!.spec.ipAddressPools).toContain(pool!.metadata.name)
  })

  it('the pool is created after MetalLB\'s chart (its CRDs), and dry-run waits for them', () => {
    for (const kind of ['IPAddressPool', 'L2Advertisement']) {
      const [object] = ofKind(kind)
      expect(syncWave(object!), kind).toBeGreaterThan(0)
      expect(object!.metadata.annotations?.['argocd.argoproj.io/sync-options']).toContain('SkipDryRunOnMissingResource=true')
    }
  })
})
