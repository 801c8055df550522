import type { KubeHarness } from './harness'
import { describe, expect, it } from 'vitest'
import { line } from '../../helpers/timeline'
import { START_REPLICASET } from './fake-api/seed'
import { app, connectedHarnessPerTest, startHarness } from './harness'

describe('kube backend: actions are API requests', () => {
  let harness: KubeHarness
  connectedHarnessPerTest(started => harness = started)

  it('drift.scale: a strategic-merge patch of the Deployment\'s replicas', async () => {
    await harness.backend.perform({ type: 'drift.scale', replicas: 4 })
    expect(harness.fake.writes()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/podinfo/deployments/podinfo',
        contentType: 'application/strategic-merge-patch+json',
        body: {
          spec: { replicas: 4 },
        },
        authorization: 'Bearer fake-token-not-a-secret',
      }),
    ])
    await expect.poll(() => harness.state().podinfo.desiredReplicas).toBe(4)
    expect(harness.state().timeline.at(-1)?.source).toBeDefined()
    expect(harness.state().timeline.map(line)).toContain('$ kubectl -n podinfo scale deploy/podinfo --replicas=4')
  })

  it('drift.setColor: strategic merge keyed by container and env name, the other env value stays', async () => {
    await harness.backend.perform({ type: 'drift.setColor', color: '#aa0000' })
    expect(harness.fake.writes()[0]).toMatchObject({
      contentType: 'application/strategic-merge-patch+json',
      body: {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'podinfo',
                  env: [
                    { name: 'PODINFO_UI_COLOR', value: '#aa0000' },
                  ],
                },
              ],
            },
          },
        },
      },
    })
    await expect.poll(() => harness.state().podinfo.color).toBe('#aa0000')
    expect(harness.state().podinfo.message).toBe('Hallo vanuit GitOps / Hello from GitOps')
  })

  it('drift.deletePod: DELETE of the pod, which then shows as Terminating', async () => {
    const pod = `${START_REPLICASET}-fghij`
    await harness.backend.perform({ type: 'drift.deletePod', pod })
    expect(harness.fake.writes()).toEqual([
      expect.objectContaining({ method: 'DELETE', path: `/api/v1/namespaces/podinfo/pods/${pod}` }),
    ])
    await expect.poll(() => harness.state().podinfo.pods.find(candidate => candidate.name === pod)?.phase).toBe('Terminating')
    harness.fake.remove('pods', 'podinfo', pod)
    await expect.poll(() => harness.state().podinfo.pods.length).toBe(1)
    await expect(harness.backend.perform({ type: 'drift.deletePod', pod: 'podinfo-nope' })).rejects.toThrow('no pod podinfo-nope in podinfo')
  })

  it('app.refresh: a merge patch of the refresh annotation', async () => {
    await harness.backend.perform({ type: 'app.refresh', app: 'podinfo' })
    expect(harness.fake.writes()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/podinfo',
        contentType: 'application/merge-patch+json',
        body: {
          metadata: {
            annotations: { 'argocd.argoproj.io/refresh': 'normal' },
          },
        },
      }),
    ])
    expect(harness.fake.get('applications', 'argocd', 'podinfo')?.metadata.annotations?.['argocd.argoproj.io/refresh']).toBe('normal')
    await expect(harness.backend.perform({ type: 'app.refresh', app: 'nope' })).rejects.toThrow('no Application nope in argocd')
  })

  it('app.sync: sets `operation` by merge patch and reports progress from status.operationState', async () => {
    await harness.backend.perform({ type: 'app.sync', app: 'podinfo' })
    expect(harness.fake.writes()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/podinfo',
        contentType: 'application/merge-patch+json',
        body: {
          metadata: {
            resourceVersion: expect.stringMatching(/^\d+$/),
          },
          operation: {
            sync: {
              prune: true,
              syncStrategy: { hook: {} },
              syncOptions: ['CreateNamespace=true'],
              source: expect.objectContaining({ path: 'manifests/apps/podinfo' }),
            },
            initiatedBy: { username: 'gitops-in-practice' },
          },
          // As SetAppOperation does: the last operation's state goes, or the controller's patches would mix with it.
          status: { operationState: null },
        },
      }),
    ])
    await expect.poll(() => app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Running', initiatedBy: 'manual' })
    await expect(harness.backend.perform({ type: 'app.sync', app: 'podinfo' })).rejects.toThrow('a sync is already running')
    // The application controller takes the operation and finishes it.
    harness.fake.update('applications', 'argocd', 'podinfo', (object) => {
      delete object.operation
      ;(object.status as Record<string, unknown>).operationState = {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: '2026-11-20T14:02:00Z',
        finishedAt: '2026-11-20T14:02:03Z',
        operation: {
          initiatedBy: { username: 'gitops-in-practice' },
        },
      }
    })
    await expect.poll(() => app(harness.state(), 'podinfo').operation).toMatchObject({ phase: 'Succeeded', initiatedBy: 'manual', finishedAt: '2026-11-20T14:02:03Z' })
  })

  it('reports an API refusal as a one-line error', async () => {
    harness.fake.remove('deployments', 'podinfo', 'podinfo')
    await expect(harness.backend.perform({ type: 'drift.scale', replicas: 1 })).rejects.toThrow(/^patch deployment podinfo\/podinfo failed: HTTP 404: deployments.apps "podinfo" not found$/)
  })
})

describe('fake API server: JSON patch', () => {
  it('applies a JSON patch (application/json-patch+json) to the Deployment, as kubectl patch --type=json would', async () => {
    const harness = await startHarness()
    try {
      const response = await fetch(`${harness.fake.url}/apis/apps/v1/namespaces/podinfo/deployments/podinfo`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json-patch+json' },
        body: JSON.stringify([
          { op: 'test', path: '/spec/replicas', value: 2 },
          { op: 'replace', path: '/spec/replicas', value: 3 },
        ]),
      })
      expect(response.status).toBe(200)
      await expect.poll(() => harness.state().podinfo.desiredReplicas).toBe(3)
    }
    finally {
      await harness.close()
    }
  })
})

describe('kube backend: app.sync sends what `argocd app sync --prune` makes Argo CD\'s API server write', () => {
  it('copies the Application\'s syncOptions, retry and sources into the operation; the timeline\'s command says --prune', async () => {
    const harness = await startHarness()
    try {
      await expect.poll(() => harness.state().cluster.connection).toBe('connected')
      const metallb = harness.fake.get('applications', 'argocd', 'metallb')!
      const spec = metallb.spec as { sources: unknown[], syncPolicy: { syncOptions: string[], retry: object } }
      expect(spec.syncPolicy.syncOptions).toContain('ServerSideApply=true')
      await harness.backend.perform({ type: 'app.sync', app: 'metallb' })
      expect(harness.fake.writes().at(-1)).toMatchObject({
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: {
          metadata: {
            resourceVersion: expect.stringMatching(/^\d+$/),
          },
          operation: {
            sync: {
              prune: true,
              syncStrategy: { hook: {} },
              syncOptions: spec.syncPolicy.syncOptions,
              sources: spec.sources,
            },
            retry: spec.syncPolicy.retry,
            initiatedBy: { username: 'gitops-in-practice' },
          },
          status: { operationState: null },
        },
      })
      expect(harness.fake.get('applications', 'argocd', 'metallb')?.operation).toMatchObject({
        sync: { syncOptions: spec.syncPolicy.syncOptions },
      })
      expect(harness.state().timeline.map(line)).toContain('$ argocd app sync metallb --prune')

      // An operation the controller wrote a moment ago (not seen through the watch yet) is not overwritten.
      harness.fake.update('applications', 'argocd', 'root', (object) => {
        object.operation = {
          sync: { prune: true },
          initiatedBy: { automated: true },
        }
      })
      const writes = harness.fake.writes().length
      await expect(harness.backend.perform({ type: 'app.sync', app: 'root' })).rejects.toThrow(/another operation is already in progress|a sync is already running/)
      expect(harness.fake.writes()).toHaveLength(writes)

      const podinfo = harness.fake.get('applications', 'argocd', 'podinfo')!.spec as { source: unknown }
      await harness.backend.perform({ type: 'app.sync', app: 'podinfo' })
      expect(harness.fake.writes().at(-1)?.body).toEqual({
        metadata: {
          resourceVersion: expect.stringMatching(/^\d+$/),
        },
        operation: {
          sync: {
            prune: true,
            syncStrategy: { hook: {} },
            syncOptions: ['CreateNamespace=true'],
            source: podinfo.source,
          },
          initiatedBy: { username: 'gitops-in-practice' },
        },
        status: { operationState: null },
      })
    }
    finally {
      await harness.close()
    }
  })
})
