import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument } from 'yaml'
import { manifestRegion } from './manifest-region'

export const PODINFO_APP = 'podinfo'
export const PODINFO_DEPLOYMENT_PATH = 'manifests/apps/podinfo/deployment.yaml'
export const COLOR_ENV = 'PODINFO_UI_COLOR'
export const MESSAGE_ENV = 'PODINFO_UI_MESSAGE'

export interface ApplicationSpec {
  name: string
  namespace: string
  project: string
  sourcePath?: string
  automated?: { prune: boolean, selfHeal: boolean }
  file: string
}

/** The part of podinfo's Deployment the simulation models and compares. */
export interface PodinfoSpec {
  replicas: number
  template: PodTemplate
  /** Old ReplicaSets the deployment controller keeps; Kubernetes' default is 10. */
  revisionHistoryLimit?: number
}

export interface PodTemplate {
  image: string
  color: string
  message: string
}

type Json = Record<string, unknown>

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value as Json
    : undefined
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string'
    ? value
    : undefined
}

/** Every Argo CD Application in one file (a file may hold several YAML documents). */
export function parseApplications(text: string, file: string): ApplicationSpec[] {
  return parseAllDocuments(text).flatMap((document) => {
    const resource = asObject(document.toJS())
    if (resource?.kind !== 'Application' || !asString(resource.apiVersion)?.startsWith('argoproj.io/'))
      return []
    const metadata = asObject(resource.metadata) ?? {}
    const spec = asObject(resource.spec) ?? {}
    const source = asObject(spec.source) ?? asObject((spec.sources as unknown[] | undefined)?.[0]) ?? {}
    const automated = asObject(asObject(spec.syncPolicy)?.automated)
    const name = asString(metadata.name)
    if (!name)
      return []
    return [
      {
        name,
        namespace: asString(metadata.namespace) ?? 'argocd',
        project: asString(spec.project) ?? 'default',
        sourcePath: asString(source.path),
        // Argo CD: `automated: {}` means auto-sync on, prune and selfHeal off.
        automated: automated && automated.enabled !== false
          ? { prune: automated.prune === true, selfHeal: automated.selfHeal === true }
          : undefined,
        file,
      },
    ]
  })
}

/** podinfo's Deployment out of a manifest file; undefined when the file has none. */
export function parsePodinfoDeployment(text: string): PodinfoSpec | undefined {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0)
      throw new Error(`invalid YAML: ${document.errors[0]?.message ?? 'parse error'}`)
    const resource = asObject(document.toJS())
    if (resource?.kind !== 'Deployment' || asObject(resource.metadata)?.name !== 'podinfo')
      continue
    const spec = asObject(resource.spec) ?? {}
    const podSpec = asObject(asObject(spec.template)?.spec) ?? {}
    const containers = (podSpec.containers as unknown[] | undefined) ?? []
    const container = asObject(containers.map(asObject).find(candidate => candidate?.name === 'podinfo') ?? containers[0]) ?? {}
    const env = ((container.env as unknown[] | undefined) ?? []).map(asObject)
    const envValue = (name: string) => asString(env.find(entry => entry?.name === name)?.value)
    return {
      replicas: typeof spec.replicas === 'number'
        ? spec.replicas
        : 1,
      template: {
        image: asString(container.image) ?? '',
        color: envValue(COLOR_ENV) ?? '',
        message: envValue(MESSAGE_ENV) ?? '',
      },
      ...typeof spec.revisionHistoryLimit === 'number'
        ? { revisionHistoryLimit: spec.revisionHistoryLimit }
        : {},
    }
  }
  return undefined
}

/** Sets env values of podinfo's container, keeping the file's comments and layout. */
export function setPodinfoEnv(text: string, values: Record<string, string>): string {
  const document = parseDocument(text)
  const containers = document.getIn([
    'spec',
    'template',
    'spec',
    'containers',
  ])
  if (!isSeq(containers))
    throw new Error('podinfo Deployment has no containers')
  const container = containers.items.find(item => isMap(item) && item.get('name') === 'podinfo') ?? containers.items[0]
  if (!isMap(container))
    throw new Error('podinfo Deployment has no podinfo container')
  let env = container.get('env')
  if (!isSeq(env)) {
    container.set('env', document.createNode([]))
    env = container.get('env')
  }
  if (!isSeq(env))
    throw new Error('podinfo container env is not a list')
  for (const [name, value] of Object.entries(values)) {
    const entry = env.items.find(item => isMap(item) && item.get('name') === name)
    const current = isMap(entry)
      ? entry.get('value', true)
      : undefined
    if (isScalar(current))
      current.value = value // keeps the quoting style of the file
    else if (isMap(entry))
      entry.set('value', value)
    else
      env.add(document.createNode({ name, value }))
  }
  return document.toString()
}

/** podinfo as a revision declares it, with the `ui` region of its deployment.yaml that the commit and revert slides show. */
export function desiredPodinfo(deploymentText: string): { replicas: number, color: string, message: string, uiYaml: string } | undefined {
  const spec = parsePodinfoDeployment(deploymentText)
  const uiYaml = manifestRegion(deploymentText, 'ui')
  return spec && uiYaml !== undefined
    ? {
        replicas: spec.replicas,
        color: spec.template.color,
        message: spec.template.message,
        uiYaml,
      }
    : undefined
}
