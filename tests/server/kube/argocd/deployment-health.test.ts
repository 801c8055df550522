// podinfo's health before Argo CD has written one (a freshly created Application), from the Deployment as the deployment
// controller writes it. gitops-engine's order (pkg/health/health_deployment.go 28-70): paused → Suspended; only when
// metadata.generation <= status.observedGeneration does it read the Progressing condition (ProgressDeadlineExceeded →
// Degraded) and the replica counts; a generation not yet observed is Progressing, whatever an old condition says.
// Replayed: a rollout that ran past its deadline, then a fix applied (generation 3, not yet observed), then the
// controller catching up and finishing; and a Deployment being deleted ("Pending deletion", health.go 70-76).
import type { KubeObject } from '../fake-api/server'
import { describe, expect, it } from 'vitest'
import { app } from '../harness'
import { startReplay } from './argo-cd'

type Status = Record<string, unknown>

describe('podinfo\'s health from its Deployment, until Argo CD writes one', () => {
  it('is Progressing while a new generation is not observed, even after a deadline was exceeded', async () => {
    const { harness } = await startReplay((fake) => {
      fake.update('applications', 'argocd', 'podinfo', (object) => {
        delete (object.status as { health?: unknown }).health
      })
    })
    const health = () => app(harness.state(), 'podinfo').healthStatus
    const write = (change: (object: KubeObject) => void) => harness.fake.update('deployments', 'podinfo', 'podinfo', change)
    const progressing = (reason: string, status = 'True') => ({ type: 'Progressing', status, reason })
    const statusOf = (object: KubeObject) => object.status as Status

    await expect.poll(health, { timeout: 10_000 }).toBe('Healthy')
    write((object) => {
      object.metadata.generation = 2
      Object.assign(statusOf(object), {
        observedGeneration: 2,
        replicas: 3,
        updatedReplicas: 1,
        availableReplicas: 2,
        conditions: [
          progressing('ProgressDeadlineExceeded', 'False'),
        ],
      })
    })
    await expect.poll(health, { timeout: 10_000 }).toBe('Degraded')
    write((object) => {
      object.metadata.generation = 3
    })
    await expect.poll(health, { timeout: 10_000 }).toBe('Progressing')
    write((object) => {
      Object.assign(statusOf(object), {
        observedGeneration: 3,
        conditions: [
          progressing('ReplicaSetUpdated'),
        ],
      })
    })
    await expect.poll(health, { timeout: 10_000 }).toBe('Progressing')
    write((object) => {
      Object.assign(statusOf(object), {
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
        readyReplicas: 2,
        conditions: [
          progressing('NewReplicaSetAvailable'),
        ],
      })
    })
    await expect.poll(health, { timeout: 10_000 }).toBe('Healthy')
    write((object) => {
      object.metadata.deletionTimestamp = '2026-11-20T14:05:00Z'
    })
    await expect.poll(health, { timeout: 10_000 }).toBe('Progressing')
  })
})
