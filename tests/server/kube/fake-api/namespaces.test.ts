// `kubectl delete namespace podinfo` against the fake API server: Terminating at once (the 200 carries the namespace),
// creates in it refused as kube-apiserver v1.33 refuses them, pods deleted first, then the rest, then the namespace.
// The fake's namespace controller is driven by hand here (its timers are set far out), so every step is checked.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { repoRoot } from '../harness'
import { KUBECTL, kubectlIn } from './kubectl-cli'
import { seedOpsDemo } from './seed'
import { FakeKubeApiServer } from './server'

const HOUR = 3_600_000

describe(`kubectl (${KUBECTL}) deleting a namespace on the fake API server`, () => {
  let fake: FakeKubeApiServer
  let dir: string
  const kubectl = kubectlIn(() => dir)
  // `kubectl create configmap|namespace` sends protobuf, which the fake does not read; `create -f` sends JSON.
  const create = async (object: object) => {
    const file = join(dir, 'object.json')
    await writeFile(file, JSON.stringify(object))
    return kubectl('create', '--validate=false', '-f', file)
  }
  const createConfigMap = () => create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'extra', namespace: 'podinfo' },
  })
  const createNamespace = () => create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'podinfo' },
  })
  const names = (plural: string) => fake.list(plural, 'podinfo').map(object => object.metadata.name)

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubectl-ns-'))
    fake = new FakeKubeApiServer()
    await fake.start()
    await seedOpsDemo(fake, repoRoot)
    fake.put('services', {
      metadata: { name: 'podinfo', namespace: 'podinfo' },
      spec: {
        ports: [
          { port: 9898 },
        ],
      },
    })
    fake.put('configmaps', {
      metadata: { name: 'kube-root-ca.crt', namespace: 'podinfo' },
      data: {},
    })
    await fake.writeKubeconfig(join(dir, 'kubeconfig'))
  })
  afterEach(async () => {
    await fake.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('marks the namespace Terminating, refuses new content in it, deletes the pods first, then the rest, then itself', async () => {
    fake.namespaceController.timings = { graceMs: HOUR, requeueMs: HOUR, walkMs: HOUR }

    // kubectl prints "deleted" on the 200, before the namespace is gone (kubectl delete.go 489-491, 523).
    expect(await kubectl('delete', 'namespace', 'podinfo', '--wait=false')).toBe('namespace "podinfo" deleted')
    const deletion = fake.writes().find(request => request.method === 'DELETE')
    expect(deletion?.path).toBe('/api/v1/namespaces/podinfo')
    expect(deletion?.body).toMatchObject({ propagationPolicy: 'Background' })
    expect(await kubectl('get', 'namespace', 'podinfo', '-o', 'jsonpath={.status.phase} {.spec.finalizers[0]}')).toBe('Terminating kubernetes')
    expect(await kubectl('get', 'namespace', 'podinfo', '-o', 'jsonpath={.metadata.deletionTimestamp}')).toMatch(/^\d{4}-\d\d-\d\dT/)

    // NamespaceLifecycle admission: creates are refused with 403 (admission.go 168-183); the namespace itself is 409.
    await expect(createConfigMap())
      .rejects
      .toThrow('configmaps "extra" is forbidden: unable to create new content in namespace podinfo because it is being terminated')
    await expect(createNamespace())
      .rejects
      .toThrow('object is being deleted: namespaces "podinfo" already exists')
    // Nothing is deleted before the controller's first pass.
    expect(names('pods')).toHaveLength(2)

    // Pass 1: only the pods (OrderedNamespaceDeletion), which terminate; the Deployment and Service stay.
    fake.namespaceController.pass('podinfo')
    expect(fake.list('pods', 'podinfo').map(pod => Boolean(pod.metadata.deletionTimestamp))).toEqual([true, true])
    expect(names('deployments')).toEqual(['podinfo'])
    expect(names('services')).toEqual(['podinfo'])

    // The kubelet removes the pods; pass 2 deletes everything else.
    for (const pod of names('pods'))
      fake.remove('pods', 'podinfo', pod)
    fake.namespaceController.pass('podinfo')
    for (const plural of [
      'deployments',
      'replicasets',
      'services',
      'configmaps',
      'events',
    ])
      expect(names(plural), plural).toEqual([])
    expect(await kubectl('get', 'namespace', 'podinfo', '-o', 'jsonpath={.status.phase}')).toBe('Terminating')
  })

  it('kubectl waits until the namespace is gone; then a create in it is 404 and the namespace can be created again', async () => {
    fake.namespaceController.timings = { graceMs: 10, requeueMs: 10, walkMs: 10 }
    fake.kubeletMs = 10

    expect(await kubectl('delete', 'namespace', 'podinfo')).toBe('namespace "podinfo" deleted')
    expect(fake.get('namespaces', '', 'podinfo')).toBeUndefined()
    expect(names('deployments')).toEqual([])
    await expect(kubectl('get', 'namespace', 'podinfo')).rejects.toThrow('namespaces "podinfo" not found')
    await expect(createConfigMap())
      .rejects
      .toThrow('namespaces "podinfo" not found')

    // What Argo CD's CreateNamespace=true does next: a new namespace, Active, with a new uid.
    expect(await createNamespace()).toBe('namespace/podinfo created')
    expect(await kubectl('get', 'namespace', 'podinfo', '-o', 'jsonpath={.status.phase}')).toBe('Active')
    expect(await createConfigMap()).toBe('configmap/extra created')
  })
})
