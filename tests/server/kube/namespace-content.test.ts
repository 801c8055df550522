// What the kube backend looks at before `kubectl delete namespace podinfo`: every type API discovery serves, as
// `kubectl api-resources --namespaced --verbs=list,delete` finds them (client-go v0.33.5 discovery_client.go 519-629),
// custom resources too; and it refuses when it cannot see all of it. The Tekton objects follow Tekton v1.15.0's CRDs
// and its reconciler's owner references (a TaskRun owned by its PipelineRun, the TaskRun's Pod by the TaskRun).
import type { KubeObject } from './fake-api/server'
import type { KubeHarness } from './harness'
import { describe, expect, it } from 'vitest'
import { RefusedError } from '../../../server/backend'
import { connectedHarnessPerTest, informersOf } from './harness'

const HOUR = 3_600_000
const UNAVAILABLE = 'HTTP 503: the server is currently unable to handle the request'

function owned(kind: string, name: string, owner: { apiVersion: string, kind: string, name: string }): KubeObject {
  return {
    metadata: {
      name,
      namespace: 'podinfo',
      ownerReferences: [
        {
          ...owner,
          uid: `uid-${owner.name}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    ...(kind === 'Pod'
      ? {
          spec: {
            containers: [
              { name: 'step-test', image: 'alpine:3.20' },
            ],
          },
          status: { phase: 'Running' },
        }
      : { spec: {} }),
  }
}

/** Writes to the cluster, as "METHOD path" (the backend's refresh patches of Applications left out). */
function writes(harness: KubeHarness): string[] {
  return harness.fake.writes()
    .filter(request => request.method !== 'PATCH' || !request.path.includes('applications'))
    .map(request => `${request.method} ${request.path}`)
}

/** What drift.deleteNamespace throws, with nothing written to the cluster. */
async function failure(harness: KubeHarness): Promise<Error> {
  const error = await harness.backend.perform({ type: 'drift.deleteNamespace' }).then(() => undefined, (thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(Error)
  expect(writes(harness)).toEqual([])
  return error as Error
}

describe('kube backend: what drift.deleteNamespace looks at first', () => {
  let harness: KubeHarness
  connectedHarnessPerTest(started => harness = started)

  it('names custom resources and other types the Application does not manage: a PipelineRun, a CustomRun (v1beta1 only), a Role', async () => {
    harness.fake.put('pipelineruns', {
      metadata: { name: 'nightly-build', namespace: 'podinfo' },
      spec: {},
    })
    harness.fake.put('customruns', {
      metadata: { name: 'nightly-approval', namespace: 'podinfo' },
      spec: {},
    })
    harness.fake.put('roles', {
      metadata: { name: 'deployer', namespace: 'podinfo' },
      rules: [],
    })
    const error = await failure(harness)
    expect(error).toBeInstanceOf(RefusedError)
    const problem = (error as RefusedError).problem as { kind: string, resources: string[] }
    expect(problem.kind).toBe('foreignResources')
    expect(problem.resources.sort()).toEqual(['CustomRun nightly-approval', 'PipelineRun nightly-build', 'Role deployer'])
    expect(error.message).toContain('PipelineRun nightly-build')
  })

  it('deletes when the Application accounts for all of it: a PipelineRun it manages, what that owns; not content: Events, Endpoints, EndpointSlices', async () => {
    harness.fake.namespaceController.timings = { graceMs: HOUR, requeueMs: HOUR, walkMs: HOUR }
    harness.fake.update('applications', 'argocd', 'podinfo', (object) => {
      (object.status as { resources: object[] }).resources.push({
        group: 'tekton.dev',
        version: 'v1',
        kind: 'PipelineRun',
        namespace: 'podinfo',
        name: 'smoke-test',
        status: 'Synced',
      })
    })
    await expect.poll(() => informersOf(harness.backend)?.applications.list().find(candidate => candidate.metadata?.name === 'podinfo')?.status?.resources?.length).toBe(4)
    harness.fake.put('pipelineruns', {
      metadata: { name: 'smoke-test', namespace: 'podinfo' },
      spec: {},
    })
    harness.fake.put('taskruns', owned('TaskRun', 'smoke-test-run', { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', name: 'smoke-test' }))
    harness.fake.put('pods', owned('Pod', 'smoke-test-run-pod', { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', name: 'smoke-test-run' }))
    // Made from the Service by Kubernetes' controllers. No owner reference here: only their exclusion keeps them out.
    harness.fake.put('endpoints', {
      metadata: { name: 'podinfo', namespace: 'podinfo' },
      subsets: [],
    })
    harness.fake.put('endpointslices', {
      metadata: { name: 'podinfo-x7k2p', namespace: 'podinfo' },
      addressType: 'IPv4',
      endpoints: [],
    })
    const from = harness.fake.requests.length

    await harness.backend.perform({ type: 'drift.deleteNamespace' })
    expect(writes(harness)).toEqual(['DELETE /api/v1/namespaces/podinfo'])
    const paths = harness.fake.requests.slice(from).filter(request => request.method === 'GET').map(request => request.path)
    expect(paths).toEqual(expect.arrayContaining([
      '/api/v1',
      '/apis',
      '/apis/tekton.dev/v1',
      '/apis/tekton.dev/v1beta1',
      '/apis/metrics.k8s.io/v1beta1',
      '/apis/tekton.dev/v1/namespaces/podinfo/pipelineruns',
      '/apis/tekton.dev/v1/namespaces/podinfo/taskruns',
      '/apis/tekton.dev/v1beta1/namespaces/podinfo/customruns',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/podinfo/roles',
      '/apis/argoproj.io/v1alpha1/namespaces/podinfo/applications',
      '/api/v1/namespaces/podinfo/secrets',
    ]))
    // The preferred version only; no PodMetrics (no delete: a view of the pods), no create-only bindings, no subresources.
    for (const skipped of [
      '/apis/tekton.dev/v1beta1/namespaces/podinfo/pipelineruns',
      '/apis/metrics.k8s.io/v1beta1/namespaces/podinfo/pods',
      '/api/v1/namespaces/podinfo/bindings',
      '/apis/events.k8s.io/v1/namespaces/podinfo/events',
      '/apis/discovery.k8s.io/v1/namespaces/podinfo/endpointslices',
    ])
      expect(paths).not.toContain(skipped)
    expect(paths.filter(path => /\/(?:log|status|scale)$/.test(path))).toEqual([])
  })

  it('refuses while an aggregated API is down (metrics.k8s.io), naming its APIService, and goes ahead once it answers', async () => {
    harness.fake.namespaceController.timings = { graceMs: HOUR, requeueMs: HOUR, walkMs: HOUR }
    harness.fake.unavailableApiServices.add('metrics.k8s.io/v1beta1')
    const error = await failure(harness)
    expect(error).not.toBeInstanceOf(RefusedError)
    expect(error.message).toBe('cannot tell what namespace podinfo holds: API discovery of metrics.k8s.io/v1beta1 (HTTP 503) failed, and Kubernetes does not finish deleting a namespace without it either: make the APIService available or remove it (kubectl get apiservice v1beta1.metrics.k8s.io), then try again')

    harness.fake.unavailableApiServices.clear()
    await harness.backend.perform({ type: 'drift.deleteNamespace' })
    expect(writes(harness)).toEqual(['DELETE /api/v1/namespaces/podinfo'])
  })

  it('refuses when discovery does not answer', async () => {
    harness.fake.failRequests(1, { path: /^\/apis\/?$/ })
    expect((await failure(harness)).message).toBe(`cannot tell what namespace podinfo holds: API discovery (GET /apis) failed: ${UNAVAILABLE}; try again when the API answers`)
  })

  it('refuses when a list fails, naming the type', async () => {
    harness.fake.failRequests(1, { path: /\/namespaces\/podinfo\/pipelineruns$/ })
    expect((await failure(harness)).message).toBe(`cannot tell what namespace podinfo holds: list pipelineruns.tekton.dev failed: ${UNAVAILABLE}; try again`)
  })
})
