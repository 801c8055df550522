// podinfo's colour and message from its Deployment as others write it: a service mesh injects a sidecar before podinfo
// (the first container is not podinfo's), a kustomize patch appends a second PODINFO_UI_COLOR (the kubelet sets them in
// order: the last wins), and a colour taken from a ConfigMap (valueFrom: no value in the manifest, so none shown).
// The container is the one named podinfo, else the only one (podinfo's own kustomize manifest names it podinfod; see
// the corpus' deployments/podinfo-kustomize-deployment.yaml).
import type { KubeObject } from '../fake-api/server'
import { describe, expect, it } from 'vitest'
import { START_COLOR } from '../fake-api/seed'
import { startReplay } from './argo-cd'

interface Container { name: string, image: string, env?: object[] }

describe('podinfo\'s container and env, as the kubelet reads them', () => {
  it('takes podinfo\'s container past a sidecar, the last of repeated env entries, and no colour from valueFrom', async () => {
    const { harness } = await startReplay()
    const containers = (object: KubeObject) => (object.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers
    const podinfo = () => harness.state().podinfo

    harness.fake.update('deployments', 'podinfo', 'podinfo', (object) => {
      containers(object).unshift({
        name: 'linkerd-proxy',
        image: 'cr.l5d.io/linkerd/proxy:edge-25.9.1',
        env: [
          { name: 'PODINFO_UI_COLOR', value: '#000000' },
        ],
      })
    })
    await expect.poll(() => podinfo().image, { timeout: 10_000 }).toBe('ghcr.io/stefanprodan/podinfo:6.9.2')
    expect(podinfo()).toMatchObject({ color: START_COLOR, message: 'Hallo vanuit GitOps / Hello from GitOps' })

    harness.fake.update('deployments', 'podinfo', 'podinfo', (object) => {
      containers(object)[1]!.env!.push({ name: 'PODINFO_UI_COLOR', value: '#c2410c' })
    })
    await expect.poll(() => podinfo().color, { timeout: 10_000 }).toBe('#c2410c')

    harness.fake.update('deployments', 'podinfo', 'podinfo', (object) => {
      containers(object)[1]!.env = [
        {
          name: 'PODINFO_UI_COLOR',
          valueFrom: {
            configMapKeyRef: { name: 'podinfo-ui', key: 'color' },
          },
        },
        { name: 'PODINFO_UI_MESSAGE', value: 'Hallo vanuit GitOps / Hello from GitOps' },
      ]
    })
    await expect.poll(() => podinfo().color, { timeout: 10_000 }).toBe('')
    expect(podinfo().message).toBe('Hallo vanuit GitOps / Hello from GitOps')
  })
})
