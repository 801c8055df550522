import type { ApplicationState, DemoState, PodState } from '../common/protocol'
import { parseAllDocuments } from 'yaml'
import { desiredPodinfo } from '../common/manifests'

interface ApplicationDoc {
  kind?: string
  metadata?: { name?: string, namespace?: string }
  spec?: { project?: string, source?: { path?: string }, syncPolicy?: { automated?: { prune?: boolean, selfHeal?: boolean } } }
}
interface DeploymentDoc {
  kind?: string
  spec?: { replicas?: number, template?: { spec?: { containers?: { image?: string, env?: { name: string, value?: string }[] }[] } } }
}

function docs<T>(text: string): T[] {
  return parseAllDocuments(text).map(doc => doc.toJS() as T).filter(Boolean)
}

/** A short, stable hex string from a text, for pod-template-hash-like names in a static picture. */
function stableHash(text: string, length: number): string {
  let hash = 2166136261
  for (const char of text)
    hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0
  return hash.toString(16).padStart(8, '0').slice(0, length)
}

/** The healthy starting point of the ops-demo, from the Application files and podinfo's Deployment. */
export function startingPoint(applicationFiles: string[], deploymentYaml: string): DemoState {
  const applications: ApplicationState[] = applicationFiles
    .flatMap(text => docs<ApplicationDoc>(text))
    .filter(doc => doc.kind === 'Application' && doc.metadata?.name)
    .map(doc => ({
      name: doc.metadata!.name!,
      namespace: doc.metadata?.namespace ?? 'argocd',
      project: doc.spec?.project ?? 'default',
      syncStatus: 'Synced' as const,
      healthStatus: 'Healthy' as const,
      sourcePath: doc.spec?.source?.path,
      automated: doc.spec?.syncPolicy?.automated
        ? {
            prune: Boolean(doc.spec.syncPolicy.automated.prune),
            selfHeal: Boolean(doc.spec.syncPolicy.automated.selfHeal),
          }
        : undefined,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))

  const deployment = docs<DeploymentDoc>(deploymentYaml).find(doc => doc.kind === 'Deployment')
  const container = deployment?.spec?.template?.spec?.containers?.[0]
  const env = (name: string) => container?.env?.find(e => e.name === name)?.value ?? ''
  const replicas = deployment?.spec?.replicas ?? 1
  const color = env('PODINFO_UI_COLOR')
  const replicaSet = `podinfo-${stableHash(color + (container?.image ?? ''), 9)}`
  const pods: PodState[] = Array.from({ length: replicas }, (_, i) => ({
    name: `${replicaSet}-${stableHash(`${replicaSet}/${i}`, 5)}`,
    phase: 'Running',
    ready: true,
    replicaSet,
    color,
  }))

  return {
    mode: 'simulated',
    cluster: { name: 'ops-demo', connection: 'connected' },
    applications,
    podinfo: {
      desiredReplicas: replicas,
      readyReplicas: replicas,
      image: container?.image ?? '',
      color,
      message: env('PODINFO_UI_MESSAGE'),
      pods,
    },
    git: {
      remote: 'origin',
      branch: 'main',
      head: '',
      log: [],
      desired: desiredPodinfo(deploymentYaml),
    },
    timeline: [],
  }
}
