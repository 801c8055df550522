// The fake API server answers as kube-apiserver does where the demo depends on it.
import type { KubeObject } from './server'
import { Buffer } from 'node:buffer'
import { Agent, fetch as undiciFetch } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { repoRoot } from '../harness'
import { strategicMergePatch } from './patch'
import { STRATEGIES } from './patch-strategies'
import { podinfoDeployment, seedOpsDemo } from './seed'
import { FakeKubeApiServer } from './server'
import { makeTlsMaterial } from './tls'

const DEPLOYMENT = '/apis/apps/v1/namespaces/podinfo/deployments/podinfo'
const DEPLOYMENTS = '/apis/apps/v1/namespaces/podinfo/deployments'
const SMP = 'application/strategic-merge-patch+json'

/** Reads a watch stream's events (one JSON object a line) as they come. */
async function openWatch(url: string) {
  const controller = new AbortController()
  const response = await fetch(url, { signal: controller.signal })
  const events: { type: string, object: any }[] = []
  let ended = false
  void (async () => {
    let buffer = ''
    try {
      for await (const chunk of response.body!) {
        buffer += Buffer.from(chunk).toString('utf8')
        let newline = buffer.indexOf('\n')
        while (newline !== -1) {
          events.push(JSON.parse(buffer.slice(0, newline)))
          buffer = buffer.slice(newline + 1)
          newline = buffer.indexOf('\n')
        }
      }
    }
    catch {}
    ended = true
  })()
  return {
    events,
    ended: () => ended,
    close: () => controller.abort(),
  }
}

describe('fake API server', () => {
  let fake: FakeKubeApiServer
  const call = (path: string, init?: RequestInit) => fetch(`${fake.url}${path}`, init)
  const patch = (path: string, body: unknown, contentType = SMP) => call(path, {
    method: 'PATCH',
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  })

  beforeEach(async () => {
    fake = new FakeKubeApiServer()
    await fake.start()
    await seedOpsDemo(fake, repoRoot)
  })
  afterEach(async () => {
    await fake.stop()
  })

  describe('strategic merge patch', () => {
    it('merges each list by its own key (ports by containerPort), replaces atomic lists, honours $setElementOrder and $patch', () => {
      const base = podinfoDeployment()
      const container = (base.spec as any).template.spec.containers[0]
      container.ports = [
        { name: 'http', containerPort: 9898 },
        { name: 'metrics', containerPort: 9797 },
      ]
      container.args = ['--level=info']
      const result = strategicMergePatch(base, {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  'name': 'podinfo',
                  'ports': [
                    { name: 'grpc', containerPort: 9797 },
                  ],
                  'args': ['--level=debug'],
                  '$setElementOrder/env': [
                    { name: 'PODINFO_UI_MESSAGE' },
                    { name: 'PODINFO_UI_COLOR' },
                  ],
                  'env': [
                    { name: 'PODINFO_UI_COLOR', value: '#ff0000' },
                  ],
                },
              ],
            },
          },
        },
      }, STRATEGIES.deployments) as any
      const merged = result.spec.template.spec.containers[0]
      // Same containerPort, another name: one port, renamed (a merge by name would have added a third).
      expect(merged.ports).toEqual([
        { name: 'http', containerPort: 9898 },
        { name: 'grpc', containerPort: 9797 },
      ])
      expect(merged.args).toEqual(['--level=debug'])
      expect(merged.env.map((entry: { name: string }) => entry.name)).toEqual(['PODINFO_UI_MESSAGE', 'PODINFO_UI_COLOR'])
      expect(merged.env[1].value).toBe('#ff0000')

      const deleted = strategicMergePatch(base, {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'podinfo',
                  env: [
                    { name: 'PODINFO_UI_COLOR', $patch: 'delete' },
                  ],
                },
              ],
            },
          },
        },
      }, STRATEGIES.deployments) as any
      expect(deleted.spec.template.spec.containers[0].env.map((entry: { name: string }) => entry.name)).toEqual(['PODINFO_UI_MESSAGE'])
      const replaced = strategicMergePatch(base, {
        spec: {
          template: {
            spec: {
              containers: [
                { $patch: 'replace' },
                { name: 'other', image: 'busybox' },
              ],
            },
          },
        },
      }, STRATEGIES.deployments) as any
      expect(replaced.spec.template.spec.containers).toEqual([
        { name: 'other', image: 'busybox' },
      ])
    })

    it('refuses a list item without its merge key with 422', async () => {
      const response = await patch(DEPLOYMENT, {
        spec: {
          template: {
            spec: {
              containers: [
                { image: 'x' },
              ],
            },
          },
        },
      })
      expect(response.status).toBe(422)
      expect((await response.json() as { message: string }).message).toContain('does not contain declared merge key: name')
    })
  })

  it('a no-op patch writes nothing and announces nothing', async () => {
    const watch = await openWatch(`${fake.url}${DEPLOYMENTS}?watch=true&resourceVersion=${fake.get('deployments', 'podinfo', 'podinfo')!.metadata.resourceVersion}`)
    try {
      const before = fake.get('deployments', 'podinfo', 'podinfo')!
      const same = await patch(DEPLOYMENT, {
        spec: { replicas: 2 },
      })
      expect(((await same.json()) as KubeObject).metadata.resourceVersion).toBe(before.metadata.resourceVersion)
      const changed = await patch(DEPLOYMENT, {
        spec: { replicas: 3 },
      })
      const after = (await changed.json()) as KubeObject
      expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion))
      expect(after.metadata.generation).toBe(2)
      await expect.poll(() => watch.events.length).toBe(1)
      expect(watch.events[0]).toMatchObject({
        type: 'MODIFIED',
        object: {
          spec: { replicas: 3 },
        },
      })
    }
    finally {
      watch.close()
    }
  })

  it('status cannot be changed through the Deployment itself (it has a status subresource)', async () => {
    await patch(DEPLOYMENT, {
      status: { readyReplicas: 0 },
    }, 'application/merge-patch+json')
    expect((fake.get('deployments', 'podinfo', 'podinfo')!.status as { readyReplicas: number }).readyReplicas).toBe(2)
  })

  it('422 for invalid objects, with the API server\'s wording and causes', async () => {
    const negative = await patch(DEPLOYMENT, {
      spec: { replicas: -1 },
    })
    expect(negative.status).toBe(422)
    expect(await negative.json()).toMatchObject({
      kind: 'Status',
      reason: 'Invalid',
      code: 422,
      message: 'Deployment.apps "podinfo" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      details: {
        name: 'podinfo',
        group: 'apps',
        kind: 'Deployment',
        causes: [
          { reason: 'FieldValueInvalid', field: 'spec.replicas' },
        ],
      },
    })
    const noImage = await patch(DEPLOYMENT, {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'sidecar' },
            ],
          },
        },
      },
    })
    expect(noImage.status).toBe(422)
    expect((await noImage.json() as { message: string }).message).toContain('spec.template.spec.containers[1].image: Required value')
    const wrongType = await patch(DEPLOYMENT, {
      spec: { replicas: 'two' },
    })
    expect(wrongType.status).toBe(422)
    expect(fake.get('deployments', 'podinfo', 'podinfo')!.spec).toMatchObject({ replicas: 2 })
  })

  it('409 on a stale resourceVersion (patch precondition and PUT)', async () => {
    const current = fake.get('deployments', 'podinfo', 'podinfo')!
    await patch(DEPLOYMENT, {
      spec: { replicas: 3 },
    })
    const stale = await patch(DEPLOYMENT, {
      metadata: { resourceVersion: current.metadata.resourceVersion },
      spec: { replicas: 4 },
    })
    expect(stale.status).toBe(409)
    expect(await stale.json()).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on deployments.apps "podinfo": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'podinfo', group: 'apps', kind: 'deployments' },
    })
    const put = await call(DEPLOYMENT, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(current),
    })
    expect(put.status).toBe(409)
  })

  it('status bodies: 404 names the qualified resource with details; 410 carries the resourceVersions', async () => {
    const missing = await call(`${DEPLOYMENTS}/nope`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
      code: 404,
    })
    const rv = Number(fake.get('deployments', 'podinfo', 'podinfo')!.metadata.resourceVersion)
    fake.expireResourceVersions()
    const gone = await openWatch(`${fake.url}${DEPLOYMENTS}?watch=true&resourceVersion=${rv}`)
    await expect.poll(() => gone.events.length).toBe(1)
    expect(gone.events[0]).toMatchObject({
      type: 'ERROR',
      object: {
        code: 410,
        reason: 'Expired',
        message: expect.stringMatching(new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`)),
      },
    })
  })

  it('a body it cannot read gets 400, an unknown media type 415, and the server stays up', async () => {
    const garbage = await call(DEPLOYMENT, {
      method: 'PATCH',
      headers: { 'content-type': SMP },
      body: '{"spec": nope',
    })
    expect(garbage.status).toBe(400)
    expect(await garbage.json()).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: expect.stringContaining('error decoding patch'),
    })
    const text = await call(DEPLOYMENT, {
      method: 'PATCH',
      headers: { 'content-type': 'text/plain' },
      body: 'replicas=3',
    })
    expect(text.status).toBe(415)
    const smpOnCustomResource = await patch('/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/podinfo', { metadata: {} })
    expect(smpOnCustomResource.status).toBe(415)
    expect((await call(DEPLOYMENT)).status).toBe(200)
  })

  describe('watches', () => {
    it('sends BOOKMARKs when asked, ends after timeoutSeconds, filters by fieldSelector', async () => {
      fake.bookmarkIntervalMs = 50
      const rv = fake.get('pods', 'podinfo', 'podinfo-7d9f8b6c5d-fghij')!.metadata.resourceVersion
      const watch = await openWatch(`${fake.url}/api/v1/namespaces/podinfo/pods?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dpodinfo-7d9f8b6c5d-fghij`)
      for (const name of ['podinfo-7d9f8b6c5d-abcde', 'podinfo-7d9f8b6c5d-fghij']) {
        fake.update('pods', 'podinfo', name, (pod) => {
          pod.metadata.labels!.touched = 'yes'
        })
      }
      await expect.poll(() => watch.events.some(event => event.type === 'BOOKMARK')).toBe(true)
      expect(watch.events.filter(event => event.type !== 'BOOKMARK').map(event => event.object.metadata.name)).toEqual(['podinfo-7d9f8b6c5d-fghij'])
      expect(watch.events.find(event => event.type === 'BOOKMARK')).toMatchObject({
        object: {
          kind: 'Pod',
          apiVersion: 'v1',
          metadata: {
            resourceVersion: expect.stringMatching(/^\d+$/),
          },
        },
      })
      await expect.poll(() => watch.ended(), { timeout: 3000 }).toBe(true)
    })

    it('refuses a field selector on a field it does not index', async () => {
      const response = await call('/api/v1/namespaces/podinfo/pods?fieldSelector=spec.nodeName%3Dx')
      expect(response.status).toBe(400)
      expect((await response.json() as { message: string }).message).toBe('field label not supported: spec.nodeName')
    })

    it('can split every event across two chunks', async () => {
      fake.splitWatchEvents = true
      const watch = await openWatch(`${fake.url}${DEPLOYMENTS}?watch=true`)
      try {
        await expect.poll(() => watch.events.length).toBe(1)
        expect(watch.events[0]).toMatchObject({
          type: 'ADDED',
          object: {
            metadata: { name: 'podinfo' },
          },
        })
      }
      finally {
        watch.close()
      }
    })
  })

  describe('failure modes', () => {
    it('hang: accepts and never answers until resumed; slow: answers late', async () => {
      fake.hang()
      let answered = false
      const pending = call('/readyz').then((response) => {
        answered = true
        return response.status
      })
      await new Promise(resolve => setTimeout(resolve, 300))
      expect(answered).toBe(false)
      expect(fake.openConnections).toBeGreaterThan(0)
      fake.resume()
      await expect(pending).resolves.toBe(200)

      fake.slow(300)
      const started = Date.now()
      expect((await call('/version')).status).toBe(200)
      expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    })

    it('tLS: serves a client that presents a certificate signed by its CA, and only such a client', async () => {
      const tls = await makeTlsMaterial()
      const secure = new FakeKubeApiServer(tls)
      await secure.start()
      try {
        const withCert = new Agent({
          connect: { ca: tls.ca, cert: tls.clientCert, key: tls.clientKey },
        })
        const response = await undiciFetch(`${secure.url}/version`, { dispatcher: withCert })
        expect(response.status).toBe(200)
        expect(secure.requests.at(-1)?.clientCertificate).toBe('system:admin')
        const withoutCert = new Agent({
          connect: { ca: tls.ca },
        })
        await expect(undiciFetch(`${secure.url}/version`, { dispatcher: withoutCert }).then(r => r.status)).rejects.toThrow()
      }
      finally {
        await secure.stop()
      }
    })
  })
})
