import type { ApplicationState, DemoState, PodState } from '../common/protocol'
import { desiredPodinfo, parseApplications, parsePodinfoDeployment } from '../common/manifests'

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
    .flatMap((text, index) => parseApplications(text, `apps/${index}`))
    .map(app => ({
      name: app.name,
      namespace: app.namespace,
      project: app.project,
      syncStatus: 'Synced' as const,
      healthStatus: 'Healthy' as const,
      sourcePath: app.sourcePath,
      automated: app.automated,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))

  const deployment = parsePodinfoDeployment(deploymentYaml)
  const replicas = deployment?.replicas ?? 1
  const image = deployment?.template.image ?? ''
  const color = deployment?.template.color ?? ''
  const replicaSet = `podinfo-${stableHash(color + image, 9)}`
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
      image,
      color,
      message: deployment?.template.message ?? '',
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
