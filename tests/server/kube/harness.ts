import type { DemoState } from '../../../common/protocol'
import type { KubeBackendOptions } from '../../../server/kube/options'
import type { createDemoInformers } from '../../../server/kube/watched-resources'
import type { TlsMaterial } from './fake-api/tls'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, expect } from 'vitest'
import { KubeBackend } from '../../../server/kube/backend'
import { seedOpsDemo } from './fake-api/seed'
import { FakeKubeApiServer } from './fake-api/server'

export const repoRoot = resolve(import.meta.dirname, '../../..')
export const fastBackoff = { initialMs: 50, maxMs: 400 }

export interface KubeHarness {
  fake: FakeKubeApiServer
  backend: KubeBackend
  kubeconfig: string
  dir: string
  state: () => DemoState
  close: () => Promise<void>
}

/** A seeded fake API server (changed by `prepare`), a kubeconfig for it, and a started KubeBackend using both. */
export async function startHarness(options: Partial<KubeBackendOptions> = {}, prepare?: (fake: FakeKubeApiServer) => void, tls?: TlsMaterial): Promise<KubeHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-test-'))
  const fake = new FakeKubeApiServer(tls)
  await fake.start()
  await seedOpsDemo(fake, repoRoot)
  prepare?.(fake)
  const kubeconfig = join(dir, 'kubeconfig')
  await fake.writeKubeconfig(kubeconfig)
  const backend = new KubeBackend({
    sourceRoot: repoRoot,
    kubeconfig,
    env: {},
    backoff: fastBackoff,
    // No network here: tests that need git pass their own local remote.
    repo: join(dir, 'no-remote.git'),
    workDir: join(dir, 'clone'),
    ...options,
  })
  await backend.start()
  return {
    fake,
    backend,
    kubeconfig,
    dir,
    state: () => backend.getState(),
    close: async () => {
      await backend.close()
      await fake.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A harness for each test, connected before the test runs and closed after it; `take` hands it to the test. */
export function connectedHarnessPerTest(take: (harness: KubeHarness) => void, options: Partial<KubeBackendOptions> = {}): void {
  let harness: KubeHarness | undefined
  beforeEach(async () => {
    harness = await startHarness(options)
    take(harness)
    await expect.poll(() => harness!.state().cluster.connection).toBe('connected')
  })
  afterEach(async () => {
    await harness?.close()
  })
}

export function app(state: DemoState, name: string) {
  const found = state.applications.find(candidate => candidate.name === name)
  if (!found)
    throw new Error(`no Application ${name} in the state`)
  return found
}

/** The backend's own informer caches: a test that must know the backend has seen a write waits on these. */
export function informersOf(backend: KubeBackend): ReturnType<typeof createDemoInformers> | undefined {
  return (backend as unknown as { informers?: ReturnType<typeof createDemoInformers> }).informers
}
