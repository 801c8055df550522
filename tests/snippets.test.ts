import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1'
import { AnalysisTemplate, Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1'
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1'
import { Gateway, HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1'
import { Job } from 'kubernetes-models/batch/v1'
import { Service } from 'kubernetes-models/v1'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'

// The examples on the "what's next", backup and Q&A slides: small, but valid objects of their real
// kinds, and true to the lab they extend (names, namespaces, hosts and ports of apps/ and manifests/).
const models: Record<string, new (data: any) => { validate: () => void }> = {
  'argoproj.io/v1alpha1/ApplicationSet': ApplicationSet,
  'argoproj.io/v1alpha1/Rollout': Rollout,
  'argoproj.io/v1alpha1/AnalysisTemplate': AnalysisTemplate,
  'external-secrets.io/v1/ExternalSecret': ExternalSecret,
  'gateway.networking.k8s.io/v1/HTTPRoute': HTTPRoute,
  'gateway.networking.k8s.io/v1/Gateway': Gateway,
  'batch/v1/Job': Job,
  'v1/Service': Service,
}

const dir = new URL('../snippets/', import.meta.url).pathname
const files = readdirSync(dir)

function load(path: URL | string): any[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map(document => document.toJS())
}
const snippet = (file: string): any[] => load(dir + file)
const repoFile = (file: string): any => load(new URL(`../${file}`, import.meta.url))[0]
const ofKind = (docs: any[], kind: string): any => docs.find(doc => doc.kind === kind)

/** The lines between `# #region name` and `# #endregion name`, as Slidev's `<<< file#name` shows them. */
function regions(file: string): Map<string, string[]> {
  const lines = readFileSync(dir + file, 'utf8').split('\n')
  const found = new Map<string, string[]>()
  lines.forEach((line, index) => {
    const name = /^\s*# #region ([\w-]+)$/.exec(line)?.[1]
    if (name !== undefined) {
      const end = lines.findIndex((other, at) => at > index && other.trim() === `# #endregion ${name}`)
      expect(end, `${file}: #region ${name} has no #endregion`).toBeGreaterThan(index)
      found.set(name, lines.slice(index + 1, end))
    }
  })
  return found
}

describe('snippets/', () => {
  for (const file of files.filter(f => f.endsWith('.yaml'))) {
    it(`${file} holds valid objects of known kinds`, () => {
      const documents = parseAllDocuments(readFileSync(dir + file, 'utf8'))
      expect(documents.length).toBeGreaterThan(0)
      for (const document of documents) {
        expect(document.errors).toEqual([])
        const object = document.toJS() as { apiVersion: string, kind: string }
        const Model = models[`${object.apiVersion}/${object.kind}`]
        expect(Model, `unknown kind ${object.apiVersion}/${object.kind}`).toBeDefined()
        expect(() => new Model!(object).validate()).not.toThrow()
      }
    })
  }

  for (const file of files.filter(f => f.endsWith('.sh'))) {
    it(`${file} is valid bash`, () => {
      expect(() => execFileSync('bash', ['-n', dir + file])).not.toThrow()
    })
  }

  it('the regions the slides import exist and fit a slide (≤ 15 lines at 18 px)', () => {
    const expected: Record<string, string[]> = {
      'applicationset.yaml': ['generator', 'template'],
      'rollout.yaml': ['steps', 'analysis'],
      'podinfo-httproute.yaml': ['route'],
    }
    for (const [file, names] of Object.entries(expected)) {
      const found = regions(file)
      expect([
        ...found.keys(),
      ], file).toEqual(names)
      for (const name of ['steps', 'analysis', 'route'].filter(small => found.has(small)))
        expect(found.get(name)!.length, `${file}#${name}`).toBeLessThanOrEqual(15)
    }
  })

  it('the ApplicationSet points at this repository\'s podinfo path and creates the namespace on a new cluster', () => {
    const [set] = snippet('applicationset.yaml')
    const app = repoFile('apps/apps/podinfo.yaml')
    expect(set.spec.template.spec.source.path).toBe(app.spec.source.path)
    expect(set.spec.template.spec.source.repoURL).toBe(app.spec.source.repoURL)
    expect(set.spec.template.spec.destination.namespace).toBe(app.spec.destination.namespace)
    expect(set.spec.template.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true')
  })

  it('the ExternalSecret makes the Secret the pipeline uses, in its shape (type, Tekton annotation, keys)', () => {
    const [externalSecret] = snippet('external-secret.yaml')
    const example = repoFile('scripts/tekton/git-credentials.example.yaml')
    const serviceAccount = repoFile('manifests/ci/pipeline/serviceaccount.yaml')
    expect(externalSecret.metadata.namespace).toBe(example.metadata.namespace)
    expect(externalSecret.spec.target.name).toBe(example.metadata.name)
    expect(serviceAccount.secrets).toContainEqual({ name: externalSecret.spec.target.name })
    expect(externalSecret.spec.target.template.type).toBe(example.type)
    expect(externalSecret.spec.target.template.metadata.annotations).toEqual(example.metadata.annotations)
    expect(externalSecret.spec.data.map((entry: { secretKey: string }) => entry.secretKey).sort()).toEqual(Object.keys(example.stringData).sort())
  })

  it('the Rollout splits traffic on the lab\'s podinfo Service and Ingress and is judged by an AnalysisTemplate it names', () => {
    const docs = snippet('rollout.yaml')
    const canary = ofKind(docs, 'Rollout').spec.strategy.canary
    const ingress = repoFile('manifests/apps/podinfo/ingress.yaml')
    const service = repoFile('manifests/apps/podinfo/service.yaml')
    expect(canary.stableService).toBe(service.metadata.name)
    expect(canary.trafficRouting.nginx.stableIngress).toBe(ingress.metadata.name)
    expect(ingress.spec.ingressClassName).toBe('nginx')
    expect(ingress.spec.rules[0].http.paths[0].backend.service.name).toBe(canary.stableService)
    expect(ofKind(docs, 'Service').metadata.name).toBe(canary.canaryService)
    expect(canary.analysis.templates.map((ref: { templateName: string }) => ref.templateName)).toEqual([ofKind(docs, 'AnalysisTemplate').metadata.name])
    expect(canary.steps.filter((step: object) => 'setWeight' in step).length).toBeGreaterThan(1)
  })

  it('the AnalysisTemplate asks the lab\'s Prometheus (kube-prometheus-stack) about the requests the canary served', () => {
    const docs = snippet('rollout.yaml')
    const monitoring = repoFile('apps/monitoring/prometheus-grafana.yaml')
    const [chart] = monitoring.spec.sources
    // the chart names its Prometheus Service <fullname>-prometheus, fullname = the release name here
    const prometheus = `http://${chart.helm.releaseName}-prometheus.${monitoring.spec.destination.namespace}.svc:9090`
    const metric = ofKind(docs, 'AnalysisTemplate').spec.metrics[0]
    expect(metric.provider.prometheus.address).toBe(prometheus)
    // ingress-nginx merges the canary Ingress into the primary's location: its ingress and service labels name
    // the primary for every request, and only the canary label (the alternative upstream) marks the canary's
    // requests (controller-v1.15.1 rootfs/etc/nginx/lua/monitor.lua). A filter on the canary Service matches nothing.
    const query: string = metric.provider.prometheus.query
    const canary = ofKind(docs, 'Rollout').spec.strategy.canary
    const selectors = [
      ...query.matchAll(/nginx_ingress_controller_requests\{([^}]*)\}/g),
    ].map(match => match[1]!.replace(/\s+/g, ''))
    expect(selectors).toHaveLength(2)
    for (const selector of selectors) {
      expect(selector).toContain(`ingress="${canary.trafficRouting.nginx.stableIngress}"`)
      expect(selector).toContain('canary!=""')
    }
    expect(query).not.toContain(canary.canaryService)
    expect(metric.successCondition).toMatch(/^result\[0\] >= 0\.\d+$/)
  })

  it('the HTTPRoute is the lab\'s podinfo route: same host, same Service and port, attached to the Gateway beside it', () => {
    const docs = snippet('podinfo-httproute.yaml')
    const route = ofKind(docs, 'HTTPRoute')
    const gateway = ofKind(docs, 'Gateway')
    const ingress = repoFile('manifests/apps/podinfo/ingress.yaml')
    const service = repoFile('manifests/apps/podinfo/service.yaml')
    const backend = ingress.spec.rules[0].http.paths[0].backend.service
    const port = service.spec.ports.find((candidate: { name: string }) => candidate.name === backend.port.name)
    expect(route.metadata.namespace).toBe(ingress.metadata.namespace)
    expect(route.spec.hostnames).toEqual([ingress.spec.rules[0].host])
    expect(route.spec.rules).toEqual([
      {
        backendRefs: [
          { name: backend.name, port: port.port },
        ],
      },
    ])
    expect(route.spec.parentRefs).toEqual([
      { name: gateway.metadata.name, namespace: gateway.metadata.namespace },
    ])
    expect(gateway.spec.listeners[0].allowedRoutes.namespaces.from).toBe('All')
  })
})
