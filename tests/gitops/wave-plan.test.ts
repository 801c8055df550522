import type { AppPlan } from './wave-plan'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadApplications, rootApplicationFile } from './argo-applications'
import { repoPath } from './helpers'
import { k3sProvides, renderChart } from './upstream-sources'
import { planApplication, renderApplication, waveProblems } from './wave-plan'

/** The k3s components scripts/vm/provision-k3s.sh turns off (its `disable:` list). */
function k3sDisabled(): string[] {
  const script = readFileSync(repoPath('scripts/vm/provision-k3s.sh'), 'utf8')
  const list = /^disable:\n((?: {2}- \S+\n)+)/m.exec(script)
  return list
    ? [
        ...list[1]!.matchAll(/- (\S+)/g),
      ].map(match => match[1]!)
    : []
}

const children = loadApplications().filter(({ file }) => file !== rootApplicationFile)
const plans = children.map(({ app }) => planApplication(app))

describe('the root\'s sync waves (apps/ and manifests/, charts as upstream describes them)', () => {
  it('k3s runs neither Traefik nor ServiceLB: MetalLB and ingress-nginx are the only providers', () => {
    expect(k3sDisabled()).toEqual(expect.arrayContaining(['traefik', 'servicelb']))
    expect(k3sProvides(k3sDisabled())).toEqual([])
  })

  it('knows what every child renders (no source outside the upstream table)', () => {
    for (const { file, app } of children)
      expect(() => renderApplication(app), file).not.toThrow()
    const byName = new Map(plans.map(plan => [plan.name, plan]))
    expect([
      ...byName.get('ingress-nginx')!.provides,
    ]).toContain('ingress-class:nginx')
    expect([
      ...byName.get('metallb')!.provides,
    ]).toEqual(expect.arrayContaining(['load-balancer', 'crd:metallb.io']))
    expect([
      ...byName.get('tekton')!.provides,
    ]).toContain('crd:tekton.dev')
    expect(byName.get('argocd')!.objects.map(object => object.kind)).toContain('Ingress')
  })

  it('no wave waits on something only a later wave provides', () => {
    expect(waveProblems(plans, k3sProvides(k3sDisabled()))).toEqual([])
  })
})

describe('the wave check catches the whole class', () => {
  const ingress = (annotations: Record<string, string> = {}) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'web', annotations },
    spec: { ingressClassName: 'nginx' },
  })
  const controller: AppPlan = {
    name: 'ingress',
    wave: 2,
    retries: true,
    provides: new Set(['ingress-class:nginx']),
    objects: [],
  }
  const metallb: AppPlan = {
    name: 'metallb',
    wave: 1,
    retries: true,
    provides: new Set(['load-balancer', 'crd:metallb.io']),
    objects: [],
  }
  const app = (wave: number, objects: AppPlan['objects'], retries = true): AppPlan => ({
    name: 'app',
    wave,
    retries,
    provides: new Set(),
    objects,
  })

  it('an Ingress in a wave before its ingress controller', () => {
    const [problem] = waveProblems([
      app(0, [
        ingress(),
      ]),
      controller,
    ], [])
    expect(problem).toMatch(/^app \(wave 0\): Ingress web\/web: it stays Progressing .* only ingress \(wave 2\) provides/)
  })

  it('… unless the Ingress is in the controller\'s wave or later, or its health is ignored', () => {
    expect(waveProblems([
      app(2, [
        ingress(),
      ]),
      controller,
    ], [])).toEqual([])
    expect(waveProblems([
      app(0, [
        ingress({ 'argocd.argoproj.io/ignore-healthcheck': 'true' }),
      ]),
      controller,
    ], [])).toEqual([])
  })

  it('a LoadBalancer Service before MetalLB, and one nothing provides for', () => {
    const lb = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'lb', namespace: 'web' },
      spec: { type: 'LoadBalancer' },
    }
    expect(waveProblems([
      app(0, [lb]),
      metallb,
    ], [])).toEqual([
      expect.stringContaining('only metallb (wave 1) provides'),
    ])
    expect(waveProblems([
      app(0, [lb]),
    ], [])).toEqual([
      expect.stringContaining('nothing in the App-of-Apps or k3s provides load-balancer'),
    ])
    expect(waveProblems([
      app(0, [lb]),
    ], k3sProvides([]))).toEqual([])
  })

  it('a custom resource before the app that installs its CRD, even with SkipDryRunOnMissingResource', () => {
    const pool = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: {
        name: 'pool',
        namespace: 'metallb-system',
        annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' },
      },
    }
    expect(waveProblems([
      app(0, [pool]),
      metallb,
    ], [])).toEqual([
      expect.stringContaining('only metallb (wave 1) installs'),
    ])
    expect(waveProblems([
      app(1, [pool], false),
      metallb,
    ], [])).toEqual([
      expect.stringContaining('has no retry'),
    ])
    expect(waveProblems([
      app(1, [pool]),
      metallb,
    ], [])).toEqual([])
    expect(waveProblems([
      app(2, [pool], false),
      metallb,
    ], [])).toEqual([])
  })

  it('refuses a chart it cannot describe', () => {
    expect(() => renderChart('https://charts.example.com', 'mystery', {})).toThrow(/unknown chart mystery/)
  })
})
