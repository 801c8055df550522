import type { KubeHarness } from './harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { imageTag } from '../../../server/kube/argocd-version'
import { startHarness } from './harness'

describe('the cluster\'s Argo CD version (for a recording)', () => {
  let harness: KubeHarness

  beforeAll(async () => {
    harness = await startHarness()
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('reads an image reference\'s tag', () => {
    expect(imageTag('quay.io/argoproj/argocd:v3.1.9')).toBe('v3.1.9')
    expect(imageTag('localhost:5000/argocd:v3.4.7@sha256:abc')).toBe('v3.4.7')
    expect(imageTag('localhost:5000/argocd')).toBeUndefined()
    expect(imageTag('argocd@sha256:abc')).toBeUndefined()
  })

  it('is argocd-server\'s image tag, or unknown when there is no such Deployment', async () => {
    expect(await harness.backend.argoCdVersion()).toBeUndefined()
    harness.fake.put('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'argocd-server', namespace: 'argocd' },
      spec: {
        selector: {
          matchLabels: { app: 'argocd-server' },
        },
        template: {
          metadata: {
            labels: { app: 'argocd-server' },
          },
          spec: {
            containers: [
              { name: 'argocd-server', image: 'quay.io/argoproj/argocd:v3.1.9' },
            ],
          },
        },
      },
    })
    expect(await harness.backend.argoCdVersion()).toBe('v3.1.9')
  })
})
