import type { HealthResponse } from '../../server/protocol'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startDemoServer } from '../../server/app'
import { silentLogger } from '../../server/logger'
import { FakeKubeApiServer } from './fake-api-server'
import { fastBackoff, repoRoot } from './harness'
import { seedOpsDemo } from './seed'

describe('demo server with the kube backend', () => {
  it('answers /healthz with mode live and the cluster connection', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kube-server-'))
    const fake = new FakeKubeApiServer()
    await fake.start()
    await seedOpsDemo(fake, repoRoot)
    await fake.writeKubeconfig(join(dir, 'kubeconfig'))
    const server = await startDemoServer({
      backend: 'kube',
      port: 0,
      tokenFile: false,
      logger: silentLogger,
      kubeconfig: join(dir, 'kubeconfig'),
      repo: join(dir, 'no-remote.git'),
      kube: {
        env: {},
        backoff: fastBackoff,
        workDir: join(dir, 'clone'),
      },
    })
    try {
      const health = await (await fetch(`${server.url}/healthz`)).json() as HealthResponse
      expect(health).toEqual({ ok: true, mode: 'live', connection: 'connected' })
      await fake.stop()
      await expect.poll(async () => (await (await fetch(`${server.url}/healthz`)).json() as HealthResponse).connection).toBe('down')
    }
    finally {
      await server.close()
      await fake.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
