// drift.deleteNamespace on the live backend, against the fake API server: the refusals before anything is deleted,
// then the DELETE and what the informers and the Application's operationState tell while Argo CD rebuilds podinfo.
// The Application's writes follow Argo CD v3.4.7 (controller/appcontroller.go 1578-1599 for the retry, 1532-1538 for
// its start; gitops-engine pkg/sync/sync_context.go 889-905 for the message); the fake plays the namespace controller.
import type { KubeObject } from './fake-api/server'
import type { KubeHarness } from './harness'
import { describe, expect, it } from 'vitest'
import { RefusedError } from '../../../server/backend'
import { line } from '../../helpers/timeline'
import { podinfoDeployment } from './fake-api/seed'
import { app, connectedHarnessPerTest, informersOf } from './harness'

const HOUR = 3_600_000
const FORBIDDEN = 'unable to create new content in namespace podinfo because it is being terminated'

type Status = Record<string, any>

function setStatus(harness: KubeHarness, change: (status: Status, object: KubeObject) => void): void {
  harness.fake.update('applications', 'argocd', 'podinfo', (object) => {
    change(object.status as Status, object)
  })
}

async function refusal(harness: KubeHarness): Promise<unknown> {
  const error = await harness.backend.perform({ type: 'drift.deleteNamespace' }).then(() => undefined, (thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(RefusedError)
  // Refused before anything changed: no write reached the API.
  expect(harness.fake.writes().filter(request => request.method !== 'PATCH' || !request.path.includes('applications'))).toEqual([])
  return (error as RefusedError).problem
}

describe('kube backend: drift.deleteNamespace', () => {
  let harness: KubeHarness
  connectedHarnessPerTest(started => harness = started)

  it('deletes the namespace (Background, as kubectl), then narrates Terminating, Missing, the retry after a 403, gone, created, Synced', async () => {
    harness.fake.namespaceController.timings = { graceMs: HOUR, requeueMs: HOUR, walkMs: HOUR }
    await harness.backend.perform({ type: 'drift.deleteNamespace' })
    const deletion = harness.fake.writes().find(request => request.method === 'DELETE')
    expect(deletion).toMatchObject({
      path: '/api/v1/namespaces/podinfo',
      body: { propagationPolicy: 'Background' },
    })
    await expect.poll(() => harness.state().podinfo.namespace).toEqual({ name: 'podinfo', phase: 'Terminating' })
    const lines = () => harness.state().timeline.map(line)
    expect(lines()).toContain('$ kubectl delete namespace podinfo')
    await expect.poll(lines).toContain('namespace podinfo: Terminating, its content is deleted (pods first)')

    // The namespace controller: pods first, then (the kubelet has removed them) everything else.
    harness.fake.namespaceController.pass('podinfo')
    await expect.poll(() => harness.state().podinfo.pods.map(pod => pod.phase)).toEqual(['Terminating', 'Terminating'])
    for (const pod of harness.fake.list('pods', 'podinfo'))
      harness.fake.remove('pods', 'podinfo', pod.metadata.name)
    harness.fake.namespaceController.pass('podinfo')
    await expect.poll(() => informersOf(harness.backend)?.deployments.list().length).toBe(0)

    // Argo CD compares: every resource missing; self-heal starts, the creates get the 403, the operation waits to retry.
    setStatus(harness, (status) => {
      status.sync.status = 'OutOfSync'
      status.health = { status: 'Missing' }
      for (const resource of status.resources)
        resource.status = 'OutOfSync'
    })
    await expect.poll(() => app(harness.state(), 'podinfo').healthStatus).toBe('Missing')
    setStatus(harness, (status, object) => {
      object.operation = {
        sync: { revision: status.sync.revision, autoHealAttemptsCount: 1 },
        initiatedBy: { automated: true },
        retry: { limit: 5 },
      }
      status.operationState = {
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt: '2026-11-20T14:00:10Z',
        operation: object.operation,
      }
    })
    setStatus(harness, (status) => {
      status.operationState = {
        ...status.operationState,
        message: `one or more objects failed to apply, reason: services "podinfo" is forbidden: ${FORBIDDEN},deployments.apps "podinfo" is forbidden: ${FORBIDDEN}. Retrying attempt #1 at 2:00PM.`,
        finishedAt: '2026-11-20T14:00:11Z',
        retryCount: 1,
      }
    })
    await expect.poll(() => lines().some(text => /podinfo: sync failed, retry 1 of 5 in 10 s: .*being terminated/.test(text))).toBe(true)

    // The namespace controller finalizes: the namespace is gone; the retry creates it (CreateNamespace=true).
    harness.fake.namespaceController.stop()
    harness.fake.remove('namespaces', '', 'podinfo')
    await expect.poll(() => harness.state().podinfo.namespace?.phase).toBe('Gone')
    expect(lines()).toContain('namespace podinfo is gone')
    setStatus(harness, (status) => {
      status.operationState = { ...status.operationState, message: 'Retrying operation. Attempt #1', finishedAt: undefined }
    })
    await expect.poll(lines).toContain('podinfo: sync retry 1 of 5 started')
    harness.fake.put('namespaces', {
      metadata: { name: 'podinfo' },
      spec: {
        finalizers: ['kubernetes'],
      },
      status: { phase: 'Active' },
    })
    harness.fake.put('deployments', podinfoDeployment())
    await expect.poll(() => harness.state().podinfo.namespace?.phase).toBe('Active')
    expect(lines()).toContain('namespace podinfo created')
    setStatus(harness, (status, object) => {
      delete object.operation
      status.operationState = {
        ...status.operationState,
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        finishedAt: '2026-11-20T14:00:22Z',
      }
      status.sync.status = 'Synced'
      status.health = { status: 'Healthy' }
      for (const resource of status.resources)
        resource.status = 'Synced'
    })
    await expect.poll(() => [app(harness.state(), 'podinfo').syncStatus, app(harness.state(), 'podinfo').healthStatus]).toEqual(['Synced', 'Healthy'])
  })

  it('refuses without CreateNamespace=true, and without automated self-heal', async () => {
    setStatus(harness, (_status, object) => {
      (object.spec as Status).syncPolicy.syncOptions = []
    })
    await expect.poll(() => informersOf(harness.backend)?.applications.list().find(candidate => candidate.metadata?.name === 'podinfo')?.spec?.syncPolicy?.syncOptions).toEqual([])
    expect(await refusal(harness)).toEqual({ kind: 'noCreateNamespace', app: 'podinfo' })

    setStatus(harness, (_status, object) => {
      const policy = (object.spec as Status).syncPolicy
      policy.syncOptions = ['CreateNamespace=true']
      policy.automated = { prune: true, selfHeal: false }
    })
    await expect.poll(() => informersOf(harness.backend)?.applications.list().find(candidate => candidate.metadata?.name === 'podinfo')?.spec?.syncPolicy?.automated?.selfHeal).toBe(false)
    expect(await refusal(harness)).toEqual({ kind: 'noSelfHeal', app: 'podinfo' })
  })

  it('refuses when podinfo is not Synced and Healthy', async () => {
    setStatus(harness, (status) => {
      status.health = { status: 'Degraded' }
    })
    await expect.poll(() => app(harness.state(), 'podinfo').healthStatus).toBe('Degraded')
    expect(await refusal(harness)).toEqual({
      kind: 'notSettled',
      app: 'podinfo',
      sync: 'Synced',
      health: 'Degraded',
    })
  })

  it('refuses while the namespace is already being deleted', async () => {
    harness.fake.namespaceController.timings = { graceMs: HOUR, requeueMs: HOUR, walkMs: HOUR }
    harness.fake.namespaceController.delete(harness.fake.get('namespaces', '', 'podinfo')!)
    await expect.poll(() => harness.state().podinfo.namespace?.phase).toBe('Terminating')
    expect(await refusal(harness)).toEqual({ kind: 'namespaceNotActive', namespace: 'podinfo', phase: 'Terminating' })
  })

  it('refuses when the namespace holds what the Application does not manage, and says what', async () => {
    // Kubernetes' own (kube-root-ca.crt, the default ServiceAccount) and what the Deployment owns do not count.
    harness.fake.put('configmaps', {
      metadata: { name: 'kube-root-ca.crt', namespace: 'podinfo' },
    })
    harness.fake.put('serviceaccounts', {
      metadata: { name: 'default', namespace: 'podinfo' },
    })
    harness.fake.put('configmaps', {
      metadata: { name: 'notes', namespace: 'podinfo' },
    })
    harness.fake.put('secrets', {
      metadata: { name: 'db-password', namespace: 'podinfo' },
    })
    // A pod whose ReplicaSet nobody manages is foreign too.
    harness.fake.put('pods', {
      metadata: { name: 'debug', namespace: 'podinfo' },
      spec: {},
      status: { phase: 'Running' },
    })
    const problem = await refusal(harness) as { kind: string, resources: string[] }
    expect(problem.kind).toBe('foreignResources')
    expect(problem.resources.sort()).toEqual(['ConfigMap notes', 'Pod debug', 'Secret db-password'])
    expect(harness.fake.get('namespaces', '', 'podinfo')?.status).toEqual({ phase: 'Active' })
  })
})
