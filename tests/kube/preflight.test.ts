import type { KubeConfig } from '@kubernetes/client-node'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkApiReachable, checkApplications, checkGitPush, checkKubeconfig, checkPodinfo, runPreflight } from '../../scripts/preflight'
import { createBareRemote } from '../../server/git/workspace'
import { FakeKubeApiServer } from './fake-api-server'
import { repoRoot } from './harness'
import { seedOpsDemo } from './seed'

describe('preflight', () => {
  let dir: string
  let config: KubeConfig
  const fake = new FakeKubeApiServer()
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'preflight-'))
    await fake.start()
    await seedOpsDemo(fake, repoRoot)
    await fake.writeKubeconfig(join(dir, 'kubeconfig'))
    const found = checkKubeconfig({
      kubeconfig: join(dir, 'kubeconfig'),
      env: {},
    })
    expect(found.ok).toBe(true)
    config = found.config!
  })
  afterAll(async () => {
    await fake.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('fails the kubeconfig check with what to do', () => {
    const result = checkKubeconfig({
      repoRoot: join(dir, 'nothing'),
      env: {},
    })
    expect(result).toMatchObject({ ok: false, name: 'kubeconfig' })
    expect(result.detail).toContain('no kubeconfig')
    expect(result.detail).toContain('vagrant up')
  })

  it('finds the API reachable, and not once it is down', async () => {
    await expect(checkApiReachable(config)).resolves.toMatchObject({
      ok: true,
      detail: expect.stringContaining('v1.33.4+k3s1'),
    })
    const closed = new FakeKubeApiServer()
    await closed.start()
    await closed.writeKubeconfig(join(dir, 'down-kubeconfig'))
    await closed.stop()
    const down = checkKubeconfig({
      kubeconfig: join(dir, 'down-kubeconfig'),
      env: {},
    }).config!
    await expect(checkApiReachable(down)).resolves.toMatchObject({
      ok: false,
      fix: expect.stringContaining('vagrant up'),
    })
  })

  it('checks that every Application is Synced and Healthy', async () => {
    await expect(checkApplications(config)).resolves.toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^\d+ Synced and Healthy$/),
    })
    fake.update('applications', 'argocd', 'podinfo', (object) => {
      (object.status as { sync: { status: string } }).sync.status = 'OutOfSync'
    })
    await expect(checkApplications(config)).resolves.toMatchObject({ ok: false, detail: 'podinfo: OutOfSync/Healthy' })
  })

  it('gives podinfo a short timeout', async () => {
    const result = await checkPodinfo(`${fake.url}/no-such-podinfo`, 1000)
    expect(result).toMatchObject({ ok: false, name: 'podinfo' })
  })

  it('prints one ✓/✗ line per check and exits non-zero on any ✗', async () => {
    const lines: string[] = []
    const code = await runPreflight([
      () => ({ ok: true, name: 'one', detail: 'fine' }),
      async () => ({
        ok: false,
        name: 'two',
        detail: 'broken',
        fix: 'mend it',
      }),
    ], line => lines.push(line))
    expect(code).toBe(1)
    expect(lines).toEqual(['✓ one: fine', '✗ two: broken — mend it', '1 check(s) failed'])
    await expect(runPreflight([
      () => ({ ok: true, name: 'one', detail: 'fine' }),
    ], () => {})).resolves.toBe(0)
  })

  it('checks that the repository Argo CD watches accepts a push (dry run, nothing written)', async () => {
    const remote = join(dir, 'remote.git')
    await createBareRemote(remote, 'main')
    const ok = await checkGitPush(repoRoot, remote)
    expect(ok).toMatchObject({ ok: true, name: 'git push' })
    const refs = await import('simple-git').then(({ simpleGit }) => simpleGit(remote).raw(['show-ref']).catch(() => ''))
    expect(refs).toBe('')
    const missing = await checkGitPush(repoRoot, join(dir, 'no-such-remote.git'))
    expect(missing).toMatchObject({ ok: false, name: 'git push' })
    expect(missing.fix).toContain('credentials')
  })
})
