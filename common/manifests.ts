import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument } from 'yaml'
import { manifestRegion } from './manifest-region'

export const PODINFO_APP = 'podinfo'
export const PODINFO_NAMESPACE = 'podinfo'
export const PODINFO_DEPLOYMENT_PATH = 'manifests/apps/podinfo/deployment.yaml'
export const COLOR_ENV = 'PODINFO_UI_COLOR'
export const MESSAGE_ENV = 'PODINFO_UI_MESSAGE'

/** Where an Application's manifests come from: a path in a git repository, or a chart. */
export interface ApplicationSource {
  repoURL?: string
  path?: string
  targetRevision?: string
  chart?: string
}

/**
 * The source that counts, by Argo CD's own rule (`ApplicationSpec.GetSource`, pkg/apis/application/v1alpha1/types.go
 * at v3.4.7): the first of `sources` when there are any, else `source`. (A source hydrator's sync source would come
 * first; the lab uses none.)
 */
export function applicationSource<S>(spec: { source?: S, sources?: readonly S[] } | undefined): S | undefined {
  return spec?.sources?.length
    ? spec.sources[0]
    : spec?.source
}

/** An Application's spec.syncPolicy.retry: how often and after how long Argo CD retries a failed sync. */
export interface SyncRetry {
  limit?: number
  backoff?: { duration?: string, factor?: number, maxDuration?: string }
}

export interface ApplicationSpec {
  name: string
  namespace: string
  project: string
  source?: ApplicationSource
  sourcePath?: string
  automated?: { prune: boolean, selfHeal: boolean }
  retry?: SyncRetry
  /** spec.syncPolicy.syncOptions, e.g. CreateNamespace=true. */
  syncOptions?: string[]
  file: string
}

/** Argo CD's CreateNamespace=true: a sync creates the destination namespace when it does not exist. */
export const CREATE_NAMESPACE = 'CreateNamespace=true'

/** A resource a manifest declares, as Argo CD names it: "Deployment podinfo/podinfo". */
export interface ManifestResource {
  group: string
  kind: string
  namespace?: string
  name: string
}

/** The part of podinfo's Deployment the simulation models and compares. */
export interface PodinfoSpec {
  replicas: number
  template: PodTemplate
  /** Old ReplicaSets the deployment controller keeps; Kubernetes' default is 10. */
  revisionHistoryLimit?: number
  /** The pods' grace period on deletion; Kubernetes' default is 30 s. */
  terminationGracePeriodSeconds?: number
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
    const source = asObject(applicationSource(spec as { source?: unknown, sources?: unknown[] })) ?? {}
    const automated = asObject(asObject(spec.syncPolicy)?.automated)
    const retry = asObject(asObject(spec.syncPolicy)?.retry)
    const backoff = asObject(retry?.backoff)
    const syncOptions = asObject(spec.syncPolicy)?.syncOptions
    const name = asString(metadata.name)
    if (!name)
      return []
    return [
      {
        name,
        namespace: asString(metadata.namespace) ?? 'argocd',
        project: asString(spec.project) ?? 'default',
        source: {
          repoURL: asString(source.repoURL),
          path: asString(source.path),
          targetRevision: asString(source.targetRevision),
          chart: asString(source.chart),
        },
        sourcePath: asString(source.path),
        // Argo CD: `automated: {}` means auto-sync on, prune and selfHeal off.
        automated: automated && automated.enabled !== false
          ? { prune: automated.prune === true, selfHeal: automated.selfHeal === true }
          : undefined,
        ...(retry
          ? {
              retry: {
                limit: typeof retry.limit === 'number'
                  ? retry.limit
                  : undefined,
                backoff: backoff && {
                  duration: asString(backoff.duration) ?? (typeof backoff.duration === 'number'
                    ? String(backoff.duration)
                    : undefined),
                  factor: typeof backoff.factor === 'number'
                    ? backoff.factor
                    : undefined,
                  maxDuration: asString(backoff.maxDuration),
                },
              },
            }
          : {}),
        ...(Array.isArray(syncOptions)
          ? {
              syncOptions: syncOptions.filter(option => typeof option === 'string'),
            }
          : {}),
        file,
      },
    ]
  })
}

/** Every resource a manifest file declares (kind and name set), with its API group ('' for the core group). */
export function parseManifestResources(text: string): ManifestResource[] {
  return parseAllDocuments(text).flatMap((document) => {
    const resource = asObject(document.toJS())
    const metadata = asObject(resource?.metadata)
    const kind = asString(resource?.kind)
    const name = asString(metadata?.name)
    if (!kind || !name)
      return []
    const apiVersion = asString(resource?.apiVersion) ?? ''
    return [
      {
        group: apiVersion.includes('/')
          ? apiVersion.split('/')[0]!
          : '',
        kind,
        ...(asString(metadata?.namespace)
          ? {
              namespace: asString(metadata?.namespace),
            }
          : {}),
        name,
      },
    ]
  })
}

/** How Argo CD lists a resource in its messages: "Deployment podinfo/podinfo". */
export function resourceName(resource: Pick<ManifestResource, 'kind' | 'namespace' | 'name'>): string {
  return `${resource.kind} ${resource.namespace
    ? `${resource.namespace}/`
    : ''}${resource.name}`
}

interface EnvEntry { name?: string, value?: string, valueFrom?: unknown }

/**
 * podinfo's container: the one named `podinfo`, else the only one. Of several containers none of which is called
 * podinfo, none is taken: the first could be a sidecar.
 */
export function podinfoContainer<C extends { name?: string }>(containers: readonly C[] | undefined): C | undefined {
  const all = containers ?? []
  return all.find(container => container.name === 'podinfo') ?? (all.length === 1
    ? all[0]
    : undefined)
}

/**
 * An env variable's value as the container gets it: of entries with the same name the last wins (the kubelet
 * overwrites in order); one set with `valueFrom` has no value in the manifest, so undefined.
 */
export function envValue(env: readonly (EnvEntry | undefined)[] | undefined, name: string): string | undefined {
  const entry = env?.findLast(candidate => candidate?.name === name)
  return entry?.valueFrom === undefined
    ? entry?.value
    : undefined
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
    const containers = ((podSpec.containers as unknown[] | undefined) ?? []).map(entry => asObject(entry) ?? {})
    const container = podinfoContainer(containers as { name?: string }[]) as Json | undefined ?? {}
    const env = ((container.env as unknown[] | undefined) ?? []).map(entry => asObject(entry) as EnvEntry | undefined)
    return {
      replicas: typeof spec.replicas === 'number'
        ? spec.replicas
        : 1,
      template: {
        image: asString(container.image) ?? '',
        color: envValue(env, COLOR_ENV) ?? '',
        message: envValue(env, MESSAGE_ENV) ?? '',
      },
      ...typeof spec.revisionHistoryLimit === 'number'
        ? { revisionHistoryLimit: spec.revisionHistoryLimit }
        : {},
      ...typeof podSpec.terminationGracePeriodSeconds === 'number'
        ? { terminationGracePeriodSeconds: podSpec.terminationGracePeriodSeconds }
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
  const container = podinfoContainer(containers.items.map(item => ({
    item,
    name: isMap(item)
      ? item.get('name') as string | undefined
      : undefined,
  })))?.item
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
    const entry = env.items.findLast(item => isMap(item) && item.get('name') === name)
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
