import type { KubeConfig, V1Deployment } from '@kubernetes/client-node'
import { AppsV1Api } from '@kubernetes/client-node'

/** The tag of an image reference: `quay.io/argoproj/argocd:v3.1.9` → `v3.1.9`; undefined for a digest only. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? ''
  const lastPart = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1)
  const colon = lastPart.lastIndexOf(':')
  return colon > 0
    ? lastPart.slice(colon + 1) || undefined
    : undefined
}

/** The version Argo CD runs, read from the argocd-server Deployment's image (for a recording's header). */
export function argoCdVersionOf(deployment: V1Deployment): string | undefined {
  const containers = deployment.spec?.template.spec?.containers ?? []
  const server = containers.find(container => container.name === 'argocd-server') ?? containers[0]
  return server?.image
    ? imageTag(server.image)
    : undefined
}

/** One GET of argocd-server; undefined when it cannot be read (cluster down, other names). */
export async function readArgoCdVersion(config: KubeConfig, namespace: string): Promise<string | undefined> {
  try {
    const deployment = await config.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'argocd-server', namespace })
    return argoCdVersionOf(deployment)
  }
  catch {
    return undefined
  }
}
