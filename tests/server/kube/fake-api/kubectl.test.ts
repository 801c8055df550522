// The fake API server is driven by a real kubectl: Debian's kubernetes-client (.ci/run installs it when no
// kubectl is on the PATH) or whichever kubectl the machine has. KUBECTL=<path> picks another binary.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../harness'
import { KUBECTL, kubectlIn } from './kubectl-cli'
import { seedOpsDemo } from './seed'
import { FakeKubeApiServer } from './server'

describe(`kubectl (${KUBECTL}) against the fake API server`, () => {
  const fake = new FakeKubeApiServer()
  let dir: string
  const kubectl = kubectlIn(() => dir)

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubectl-'))
    await fake.start()
    await seedOpsDemo(fake, repoRoot)
    await fake.writeKubeconfig(join(dir, 'kubeconfig'))
  })
  afterAll(async () => {
    await fake.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('finds the resources by discovery and lists them (short names too)', async () => {
    expect(await kubectl('-n', 'podinfo', 'get', 'deployments')).toMatch(/^NAME\s.*\npodinfo\s/)
    expect(await kubectl('-n', 'podinfo', 'get', 'rs', '-o', 'name')).toBe('replicaset.apps/podinfo-7d9f8b6c5d')
    expect((await kubectl('-n', 'argocd', 'get', 'applications.argoproj.io', '-o', 'name')).split('\n')).toContain('application.argoproj.io/podinfo')
    expect(await kubectl('-n', 'podinfo', 'get', 'pods', '-l', 'app.kubernetes.io/name=podinfo', '-o', 'jsonpath={.items[*].status.phase}')).toBe('Running Running')
    expect(fake.requests.map(request => request.path)).toEqual(expect.arrayContaining(['/api', '/apis', '/apis/apps/v1']))
  })

  it('patches (strategic merge), says "no change" for the same patch again, and `set env` keeps the other variable', async () => {
    expect(await kubectl('-n', 'podinfo', 'patch', 'deployment', 'podinfo', '-p', '{"spec":{"replicas":3}}')).toBe('deployment.apps/podinfo patched')
    expect(await kubectl('-n', 'podinfo', 'patch', 'deployment', 'podinfo', '-p', '{"spec":{"replicas":3}}')).toBe('deployment.apps/podinfo patched (no change)')
    expect(await kubectl('-n', 'podinfo', 'get', 'deployment', 'podinfo', '-o', 'jsonpath={.spec.replicas}')).toBe('3')

    // kubectl computes this patch itself, with $setElementOrder directives.
    expect(await kubectl('-n', 'podinfo', 'set', 'env', 'deployment/podinfo', 'PODINFO_UI_COLOR=#ff0000')).toBe('deployment.apps/podinfo env updated')
    const patch = fake.writes().at(-1)
    expect(JSON.stringify(patch?.body)).toContain('$setElementOrder/env')
    expect(await kubectl('-n', 'podinfo', 'get', 'deployment', 'podinfo', '-o', 'jsonpath={range .spec.template.spec.containers[0].env[*]}{.name}={.value} {end}'))
      .toBe('PODINFO_UI_COLOR=#ff0000 PODINFO_UI_MESSAGE=Hallo vanuit GitOps / Hello from GitOps')
  })

  it('finds with api-resources what a namespace deletion empties: namespaced, list and delete, each in its preferred version', async () => {
    const rows = (await kubectl('api-resources', '--namespaced=true', '--verbs=list,delete', '--no-headers', '-o', 'wide')).split('\n')
    // NAME [SHORTNAMES] APIVERSION NAMESPACED KIND VERBS: the API version is the token shaped like one.
    const versions = Object.fromEntries(rows.map((row) => {
      const [name = '', ...rest] = row.trim().split(/\s+/)
      const apiVersion = rest.find(token => /^(?:[\w.-]+\/)?v\d\w*$/.test(token)) ?? ''
      return [
        apiVersion.includes('/')
          ? `${name}.${apiVersion.split('/')[0]}`
          : name,
        apiVersion,
      ]
    }))
    expect(versions).toEqual({
      'pods': 'v1',
      'events': 'v1',
      'services': 'v1',
      'configmaps': 'v1',
      'serviceaccounts': 'v1',
      'secrets': 'v1',
      'persistentvolumeclaims': 'v1',
      'endpoints': 'v1',
      'deployments.apps': 'apps/v1',
      'replicasets.apps': 'apps/v1',
      'statefulsets.apps': 'apps/v1',
      'daemonsets.apps': 'apps/v1',
      'ingresses.networking.k8s.io': 'networking.k8s.io/v1',
      'jobs.batch': 'batch/v1',
      'applications.argoproj.io': 'argoproj.io/v1alpha1',
      'roles.rbac.authorization.k8s.io': 'rbac.authorization.k8s.io/v1',
      'events.events.k8s.io': 'events.k8s.io/v1',
      'endpointslices.discovery.k8s.io': 'discovery.k8s.io/v1',
      'pipelineruns.tekton.dev': 'tekton.dev/v1',
      'taskruns.tekton.dev': 'tekton.dev/v1',
      'customruns.tekton.dev': 'tekton.dev/v1beta1',
    })
  })

  it('fails api-resources while an aggregated API is down, naming it, as it does against kube-aggregator', async () => {
    fake.unavailableApiServices.add('metrics.k8s.io/v1beta1')
    try {
      await expect(kubectl('api-resources', '-o', 'name'))
        .rejects
        .toThrow(/unable to retrieve the complete list of server APIs: metrics\.k8s\.io\/v1beta1: the server is currently unable to handle the request/)
    }
    finally {
      fake.unavailableApiServices.clear()
    }
  })

  it('shows the API server\'s refusals as kubectl prints them', async () => {
    await expect(kubectl('-n', 'podinfo', 'patch', 'deployment', 'podinfo', '-p', '{"spec":{"replicas":-1}}'))
      .rejects
      .toThrow(/spec\.replicas: Invalid value: -1: must be greater than or equal to 0/)
    await expect(kubectl('-n', 'podinfo', 'get', 'deployment', 'nope'))
      .rejects
      .toThrow(/deployments\.apps "nope" not found/)
  })
})
