import type { KubeHarness } from './harness'
import { describe, expect, it } from 'vitest'
import { timelineText } from '../../../common/words/timeline'
import { line } from '../../helpers/timeline'
import { podinfoPod, START_COLOR, START_REPLICASET } from './fake-api/seed'
import { connectedHarnessPerTest, startHarness } from './harness'

const watchesOf = (harness: KubeHarness, path: string) => harness.fake.requests.filter(request => request.path === path && request.query.watch === 'true')
const listsOf = (harness: KubeHarness, path: string) => harness.fake.requests.filter(request => request.path === path && request.query.watch !== 'true')
const PODS = '/api/v1/namespaces/podinfo/pods'

describe('kube backend: resilience', () => {
  let harness: KubeHarness
  connectedHarnessPerTest(started => harness = started, { downAfterFailures: 2 })

  it('reopens a watch that the server ended, from its resourceVersion, and keeps following changes', async () => {
    const before = watchesOf(harness, PODS).length
    harness.fake.dropWatches()
    await expect.poll(() => watchesOf(harness, PODS).length).toBeGreaterThan(before)
    const rewatch = watchesOf(harness, PODS).at(-1)
    expect(rewatch?.query.resourceVersion).toMatch(/^\d+$/)
    expect(listsOf(harness, PODS)).toHaveLength(1)
    harness.fake.put('pods', podinfoPod(`${START_REPLICASET}-zzzzz`, START_REPLICASET, START_COLOR))
    await expect.poll(() => harness.state().podinfo.pods.length).toBe(3)
  })

  it('relists after 410 Gone (an ERROR event with a Status code 410 on the watch)', async () => {
    harness.fake.remove('pods', 'podinfo', `${START_REPLICASET}-abcde`)
    await expect.poll(() => harness.state().podinfo.pods.length).toBe(1)
    harness.fake.expireResourceVersions()
    await expect.poll(() => listsOf(harness, PODS).length).toBe(2)
    harness.fake.put('pods', podinfoPod(`${START_REPLICASET}-yyyyy`, START_REPLICASET, START_COLOR))
    await expect.poll(() => harness.state().podinfo.pods.map(pod => pod.name)).toEqual([`${START_REPLICASET}-fghij`, `${START_REPLICASET}-yyyyy`])
    expect(harness.state().cluster.connection).toBe('connected')
  })

  it('says down with the reason while the API is unreachable and recovers within 5 s of it coming back', async () => {
    await harness.fake.stop()
    await expect.poll(() => harness.state().cluster.connection).toBe('down')
    expect(harness.state().cluster.message).toMatch(/^http:\/\/127\.0\.0\.1:\d+( \(\w+\))?: .*(ECONNREFUSED|fetch failed|terminated|socket)/i)
    // The last known state stays visible while reconnecting.
    expect(harness.state().podinfo.pods).toHaveLength(2)
    const down = harness.state().timeline.filter(entry => entry.kind === 'api.down').map(line)
    expect(down).toEqual([
      expect.stringMatching(/^Kubernetes API unreachable: .*(ECONNREFUSED|fetch failed|terminated|socket)/i),
    ])

    harness.fake.put('pods', podinfoPod(`${START_REPLICASET}-while-down`, START_REPLICASET, START_COLOR))
    await harness.fake.start()
    await expect.poll(() => harness.state().cluster.connection, { timeout: 5000 }).toBe('connected')
    await expect.poll(() => harness.state().podinfo.pods.length, { timeout: 5000 }).toBe(3)
    expect(harness.state().cluster.message).toBeUndefined()
    expect(harness.state().timeline.map(line).at(-1)).toContain('reachable again')
  })
})

describe('kube backend: a hung API server', () => {
  it('is shown as down, with the reason, within 10 s; a pending action fails at its timeout; it recovers on resume', async () => {
    // Default probe and timeouts: this is the promise the README makes.
    const harness = await startHarness({ downAfterFailures: 2 })
    try {
      await expect.poll(() => harness.state().cluster.connection).toBe('connected')
      const hungAt = Date.now()
      harness.fake.hang()
      const action = harness.backend.perform({ type: 'drift.scale', replicas: 3 }).then(() => 'done', (error: Error) => error.message)
      await expect.poll(() => harness.state().cluster.connection, { timeout: 10_000, interval: 100 }).toBe('down')
      const downAfter = Date.now() - hungAt
      expect(downAfter).toBeLessThan(10_000)
      expect(harness.state().cluster.message).toMatch(/^http:\/\/127\.0\.0\.1:\d+: no answer in \d+(\.\d+)? s \(\/readyz\); retrying$/)
      const down = harness.state().timeline.filter(entry => entry.kind === 'api.down').map(line)
      expect(down).toHaveLength(1)
      expect(down[0]).toMatch(/^Kubernetes API unreachable: no answer in \d+(\.\d+)? s \(\/readyz\)$/)
      // On a Dutch slide, the deck's own words are Dutch; only the address stays as it is.
      const downEvent = harness.state().timeline.find(entry => entry.kind === 'api.down')!
      expect(timelineText(downEvent, 'nl')).toMatch(/^Kubernetes-API onbereikbaar: geen antwoord binnen \d+(\.\d+)? s \(\/readyz\)$/)
      await expect(action).resolves.toMatch(/^patch deployment podinfo\/podinfo failed: no answer from the Kubernetes API in \d+ s$/)
      expect(Date.now() - hungAt).toBeLessThan(10_000)

      harness.fake.resume()
      await expect.poll(() => harness.state().cluster.connection, { timeout: 10_000 }).toBe('connected')
      harness.fake.put('pods', podinfoPod(`${START_REPLICASET}-after-hang`, START_REPLICASET, START_COLOR))
      await expect.poll(() => harness.state().podinfo.pods.length, { timeout: 5000 }).toBe(3)
      expect(harness.state().timeline.map(line).at(-1)).toBe('Kubernetes API reachable again')
    }
    finally {
      await harness.close()
    }
  }, 30_000)

  it('gives each queued action a timeout, so one hung action does not hold the ones behind it', async () => {
    const harness = await startHarness({
      timeouts: { requestMs: 500 },
    })
    try {
      await expect.poll(() => harness.state().cluster.connection).toBe('connected')
      harness.fake.hang()
      const started = Date.now()
      const results = await Promise.all([
        harness.backend.perform({ type: 'drift.scale', replicas: 3 }).catch((error: Error) => error.message),
        harness.backend.perform({ type: 'app.refresh', app: 'podinfo' }).catch((error: Error) => error.message),
      ])
      expect(results).toEqual([
        'patch deployment podinfo/podinfo failed: no answer from the Kubernetes API in 0.5 s',
        'refresh Application podinfo failed: no answer from the Kubernetes API in 0.5 s',
      ])
      expect(Date.now() - started).toBeLessThan(2500)
    }
    finally {
      harness.fake.resume()
      await harness.close()
    }
  })
})

describe('kube backend: small things the timeline and close() got wrong', () => {
  it('close() during the first lists leaves no watch open', async () => {
    const fake = new (await import('./fake-api/server')).FakeKubeApiServer()
    await fake.start()
    const { seedOpsDemo } = await import('./fake-api/seed')
    await seedOpsDemo(fake, (await import('./harness')).repoRoot)
    fake.slow(300)
    const { mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'kube-close-'))
    await fake.writeKubeconfig(join(dir, 'kubeconfig'))
    const { KubeBackend } = await import('../../../server/kube/backend')
    const backend = new KubeBackend({
      sourceRoot: (await import('./harness')).repoRoot,
      kubeconfig: join(dir, 'kubeconfig'),
      env: {},
      repo: join(dir, 'none.git'),
      workDir: join(dir, 'clone'),
      startTimeoutMs: 50,
    })
    await backend.start()
    await backend.close()
    fake.resume()
    await new Promise(resolve => setTimeout(resolve, 800))
    expect(fake.requests.filter(request => request.query.watch === 'true')).toEqual([])
    expect(fake.openWatches).toBe(0)
    await fake.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('says "reachable again" only after it said "unreachable"', async () => {
    const harness = await startHarness()
    try {
      await expect.poll(() => harness.state().cluster.connection).toBe('connected')
      const seen: string[] = []
      harness.backend.onChange(() => seen.push(harness.backend.connection()))
      harness.fake.failRequests(1, { path: /\/pods$/, code: 503 })
      harness.fake.dropWatches()
      await expect.poll(() => seen).toContain('reconnecting')
      await expect.poll(() => harness.state().cluster.connection, { timeout: 5000 }).toBe('connected')
      const lines = harness.state().timeline.map(line)
      expect(lines.filter(text => text.startsWith('Kubernetes API unreachable'))).toEqual([])
      expect(lines).not.toContain('Kubernetes API reachable again')
    }
    finally {
      await harness.close()
    }
  })
})

describe('kube backend: the API as a real one answers', () => {
  it('connects over TLS with the client certificate from a k3s-style kubeconfig (watches and /readyz alike)', async () => {
    const { makeTlsMaterial } = await import('./fake-api/tls')
    const harness = await startHarness({}, undefined, await makeTlsMaterial())
    try {
      await expect.poll(() => harness.state().cluster.connection, { timeout: 5000 }).toBe('connected')
      await expect.poll(() => harness.fake.requests.some(request => request.path === '/readyz')).toBe(true)
      expect(new Set(harness.fake.requests.map(request => request.clientCertificate))).toEqual(new Set(['system:admin']))
      harness.fake.put('pods', podinfoPod(`${START_REPLICASET}-tls`, START_REPLICASET, START_COLOR))
      await expect.poll(() => harness.state().podinfo.pods.length).toBe(3)
    }
    finally {
      await harness.close()
    }
  })

  it('follows watch events split across chunks, and slow answers within the deadline', async () => {
    const harness = await startHarness()
    try {
      await expect.poll(() => harness.state().cluster.connection).toBe('connected')
      harness.fake.splitWatchEvents = true
      harness.fake.put('pods', podinfoPod(`${START_REPLICASET}-split`, START_REPLICASET, START_COLOR))
      await expect.poll(() => harness.state().podinfo.pods.length).toBe(3)
      harness.fake.slow(800)
      await harness.backend.perform({ type: 'drift.scale', replicas: 3 })
      await expect.poll(() => harness.state().podinfo.desiredReplicas, { timeout: 5000 }).toBe(3)
      expect(harness.state().cluster.connection).toBe('connected')
    }
    finally {
      await harness.close()
    }
  })
})
