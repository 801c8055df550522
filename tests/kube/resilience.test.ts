import type { KubeHarness } from './harness'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { line } from '../helpers/timeline'
import { startHarness } from './harness'
import { podinfoPod, START_COLOR, START_REPLICASET } from './seed'

const watchesOf = (harness: KubeHarness, path: string) => harness.fake.requests.filter(request => request.path === path && request.query.watch === 'true')
const listsOf = (harness: KubeHarness, path: string) => harness.fake.requests.filter(request => request.path === path && request.query.watch !== 'true')
const PODS = '/api/v1/namespaces/podinfo/pods'

describe('kube backend: resilience', () => {
  let harness: KubeHarness
  beforeEach(async () => {
    harness = await startHarness({ downAfterFailures: 2 })
    await expect.poll(() => harness.state().cluster.connection).toBe('connected')
  })
  afterEach(async () => {
    await harness.close()
  })

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
    expect(harness.state().cluster.message).toMatch(/Kubernetes API http:\/\/127\.0\.0\.1:\d+ \(\w+\): .*(ECONNREFUSED|fetch failed|terminated|socket)/i)
    // The last known state stays visible while reconnecting.
    expect(harness.state().podinfo.pods).toHaveLength(2)
    expect(harness.state().timeline.some(entry => line(entry).startsWith('Kubernetes API unreachable'))).toBe(true)

    harness.fake.put('pods', podinfoPod(`${START_REPLICASET}-while-down`, START_REPLICASET, START_COLOR))
    await harness.fake.start()
    await expect.poll(() => harness.state().cluster.connection, { timeout: 5000 }).toBe('connected')
    await expect.poll(() => harness.state().podinfo.pods.length, { timeout: 5000 }).toBe(3)
    expect(harness.state().cluster.message).toBeUndefined()
    expect(harness.state().timeline.map(line).at(-1)).toContain('reachable again')
  })
})
