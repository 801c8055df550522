import type { HealthResponse } from '../../../common/protocol'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startDemoServer } from '../../../server/app'
import { silentLogger } from '../../../server/support/logger'
import { connectClient } from '../helpers'
import { seedOpsDemo } from './fake-api/seed'
import { FakeKubeApiServer } from './fake-api/server'
import { fastBackoff, repoRoot } from './harness'

async function startLiveServer(dir: string, fake: FakeKubeApiServer, requestMs?: number) {
  await fake.start()
  await seedOpsDemo(fake, repoRoot)
  await fake.writeKubeconfig(join(dir, 'kubeconfig'))
  return startDemoServer({
    backend: 'kube',
    port: 0,
    token: 'presenter',
    tokenFile: false,
    logger: silentLogger,
    kubeconfig: join(dir, 'kubeconfig'),
    repo: join(dir, 'no-remote.git'),
    kube: {
      env: {},
      backoff: fastBackoff,
      workDir: join(dir, 'clone'),
      timeouts: requestMs
        ? { requestMs }
        : undefined,
    },
  })
}

describe('demo server with the kube backend', () => {
  it('answers /healthz with mode live and the cluster connection', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kube-server-'))
    const fake = new FakeKubeApiServer()
    const server = await startLiveServer(dir, fake)
    try {
      const health = async () => await (await fetch(`${server.url}/healthz`)).json() as HealthResponse
      await expect.poll(health).toEqual({ ok: true, mode: 'live', connection: 'connected' })
      await fake.stop()
      await expect.poll(async () => (await (await fetch(`${server.url}/healthz`)).json() as HealthResponse).connection, { timeout: 5000 }).toBe('down')
    }
    finally {
      await server.close()
      await fake.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('acks every queued action with a clear error while the API hangs, each within its timeout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kube-server-'))
    const fake = new FakeKubeApiServer()
    const server = await startLiveServer(dir, fake, 500)
    const presenter = await connectClient(server.url, 'presenter')
    try {
      await presenter.waitFor(state => state.cluster.connection === 'connected', 'connected')
      fake.hang()
      const started = Date.now()
      const acks = await Promise.all([
        presenter.act({ type: 'drift.scale', replicas: 4 }),
        presenter.act({ type: 'drift.deletePod', pod: 'podinfo-7d9f8b6c5d-abcde' }),
        presenter.act({ type: 'app.sync', app: 'podinfo' }),
      ])
      expect(acks).toEqual([
        { ok: false, error: 'patch deployment podinfo/podinfo failed: no answer from the Kubernetes API in 0.5 s' },
        { ok: false, error: 'delete pod podinfo-7d9f8b6c5d-abcde failed: no answer from the Kubernetes API in 0.5 s' },
        { ok: false, error: 'read Application podinfo failed: no answer from the Kubernetes API in 0.5 s' },
      ])
      expect(Date.now() - started).toBeLessThan(3 * 1500)
    }
    finally {
      presenter.close()
      fake.resume()
      await server.close()
      await fake.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
