import type { ApplicationSource } from './argo-applications'
import type { KubeObject } from './helpers'
import type { UpstreamRender } from './upstream-sources'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { filesManagedBy, sourcesOf } from './argo-applications'
import { fileRole, loadSingle, loadYaml, repoPath, syncWave } from './helpers'
import { renderChart, renderRemoteResource } from './upstream-sources'

/**
 * The App-of-Apps as the root's sync sees it: every child Application with its sync wave, what it
 * installs (capabilities) and the objects it creates. Argo CD waits for every resource of a wave to
 * be Healthy before it starts the next wave (gitops-engine pkg/sync/sync_context.go), and the root's
 * resources are Applications whose health argocd-cm reports, so a child whose health waits on a
 * later wave blocks the root for ever.
 */
export interface AppPlan {
  name: string
  wave: number
  retries: boolean
  provides: Set<string>
  objects: KubeObject[]
}

const IGNORE_HEALTHCHECK = 'argocd.argoproj.io/ignore-healthcheck'
const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true'

/** API groups the API server serves without any CRD. */
const builtInGroups = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'node.k8s.io',
  'certificates.k8s.io',
])

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/')
    ? apiVersion.slice(0, apiVersion.lastIndexOf('/'))
    : ''
}

function merge(into: UpstreamRender, part: UpstreamRender): void {
  into.provides.push(...part.provides)
  into.objects.push(...part.objects)
}

/** A kustomization: its local resources as objects, its remote ones as the upstream table describes them. */
function renderKustomization(file: string): UpstreamRender {
  const rendered: UpstreamRender = { provides: [], objects: [] }
  const kustomization = loadSingle<{ resources?: string[] }>(file)
  for (const resource of kustomization.resources ?? []) {
    if (resource.startsWith('https://'))
      merge(rendered, renderRemoteResource(resource))
    else
      rendered.objects.push(...loadYaml(`${dirname(file)}/${resource}`) as KubeObject[])
  }
  return rendered
}

function renderGitPath(source: ApplicationSource & { path: string }): UpstreamRender {
  const kustomization = `${source.path}/kustomization.yaml`
  if (existsSync(repoPath(kustomization)))
    return renderKustomization(kustomization)
  const objects = filesManagedBy(source)
    .filter(file => fileRole(file) === 'object')
    .flatMap(file => loadYaml(file) as KubeObject[])
  return { provides: [], objects }
}

function helmValues(source: ApplicationSource): Record<string, any> {
  const valueFiles = (source as { helm?: { valueFiles?: string[] } }).helm?.valueFiles ?? []
  return Object.assign({}, ...valueFiles.map(file => loadSingle<Record<string, any>>(file.replace(/^\$values\//, ''))))
}

/** What one Application renders: its git paths read from this repository, charts from the upstream table. */
export function renderApplication(app: KubeObject): UpstreamRender {
  const rendered: UpstreamRender = { provides: [], objects: [] }
  for (const source of sourcesOf(app)) {
    if (source.chart !== undefined)
      merge(rendered, renderChart(source.repoURL, source.chart, helmValues(source)))
    else if (source.path !== undefined)
      merge(rendered, renderGitPath(source as ApplicationSource & { path: string }))
  }
  for (const object of rendered.objects) {
    if (object.apiVersion === 'apiextensions.k8s.io/v1' && object.kind === 'CustomResourceDefinition')
      rendered.provides.push(`crd:${object.spec.group}`)
  }
  return rendered
}

export function planApplication(app: KubeObject, rendered: UpstreamRender = renderApplication(app)): AppPlan {
  return {
    name: app.metadata.name!,
    wave: syncWave(app),
    // an automated sync retries 5 times when spec.syncPolicy.retry is absent (controller/appcontroller.go, autoSync)
    retries: app.spec?.syncPolicy?.retry !== undefined
      ? app.spec.syncPolicy.retry.limit !== 0
      : app.spec?.syncPolicy?.automated !== undefined,
    provides: new Set(rendered.provides),
    objects: rendered.objects,
  }
}

interface Need {
  capability: string
  /** health: the object stays Progressing until a provider runs; create: the API rejects it until the CRD exists */
  gate: 'health' | 'create'
  why: string
}

function needsOf(object: KubeObject): Need[] {
  const needs: Need[] = []
  const group = groupOf(object.apiVersion)
  if (!builtInGroups.has(group))
    needs.push({ capability: `crd:${group}`, gate: 'create', why: `its kind ${object.kind} needs the ${group} CRDs` })
  if (object.apiVersion === 'networking.k8s.io/v1' && object.kind === 'Ingress') {
    const ingressClass = object.spec?.ingressClassName as string | undefined
    needs.push({ capability: `ingress-class:${ingressClass ?? '(default)'}`, gate: 'health', why: `it stays Progressing until the controller of IngressClass ${ingressClass ?? '(default)'} sets status.loadBalancer` })
  }
  if (object.apiVersion === 'v1' && object.kind === 'Service' && object.spec?.type === 'LoadBalancer')
    needs.push({ capability: 'load-balancer', gate: 'health', why: 'a LoadBalancer Service stays Progressing until it gets an address' })
  return needs
}

function label(object: KubeObject): string {
  return `${object.kind} ${object.metadata.namespace
    ? `${object.metadata.namespace}/`
    : ''}${object.metadata.name ?? object.metadata.generateName}`
}

/**
 * Every way the root's sync can wait for ever (or fail for good) on the order of its waves.
 * `platform` is what the cluster has before Argo CD syncs anything (k3s' packaged components).
 */
export function waveProblems(apps: AppPlan[], platform: string[]): string[] {
  const problems: string[] = []
  for (const app of apps) {
    for (const object of app.objects) {
      for (const need of needsOf(object)) {
        if (platform.includes(need.capability) || app.provides.has(need.capability))
          continue
        const providers = apps.filter(other => other.provides.has(need.capability))
        const where = `${app.name} (wave ${app.wave}): ${label(object)}`
        if (providers.length === 0) {
          problems.push(`${where}: ${need.why}, and nothing in the App-of-Apps or k3s provides ${need.capability}`)
          continue
        }
        const earliest = providers.reduce((first, other) => other.wave < first.wave
          ? other
          : first)
        const provider = `${earliest.name} (wave ${earliest.wave})`
        if (need.gate === 'health') {
          const ignored = object.metadata.annotations?.[IGNORE_HEALTHCHECK] === 'true'
          if (earliest.wave > app.wave && !ignored)
            problems.push(`${where}: ${need.why}, which only ${provider} provides, so wave ${app.wave} never turns Healthy and the root sync stops there. Move ${app.name} to wave ≥ ${earliest.wave} or annotate the object ${IGNORE_HEALTHCHECK}: "true"`)
        }
        else if (earliest.wave > app.wave) {
          problems.push(`${where}: ${need.why}, which only ${provider} installs, so the apply fails until then and wave ${app.wave} never turns Healthy (${SKIP_DRY_RUN} only skips the dry run). Move ${app.name} after ${earliest.name}`)
        }
        else if (earliest.wave === app.wave && !app.retries) {
          problems.push(`${where}: ${need.why}, which ${provider} installs in the same wave; the first attempt fails and ${app.name} has no retry. Move it to a later wave`)
        }
      }
    }
  }
  return problems
}
