import type { KubeConfig } from '@kubernetes/client-node'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkApiReachable, checkApplications, checkDeckOnLan, checkGitPush, checkKubeconfig, checkPodinfo, runPreflight } from '../../scripts/preflight'
import { createWorkspace } from '../../server/git/workspace'
import { seedOpsDemo } from '../server/kube/fake-api/seed'
import { FakeKubeApiServer } from '../server/kube/fake-api/server'
import { repoRoot } from '../server/kube/harness'

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

  it('checks that the branch Argo CD watches exists and accepts a push (dry run, nothing written)', async () => {
    const workspace = await createWorkspace(repoRoot, ['apps', 'manifests'])
    try {
      const remote = workspace.remoteDir
      await simpleGit(workspace.workDir).addTag('v1').pushTags('origin')
      const refsBefore = await simpleGit(remote).raw(['show-ref'])
      const ok = await checkGitPush(repoRoot, remote, 'main')
      expect(ok).toMatchObject({ ok: true, name: 'git push', detail: `${remote} main accepts a push from you (dry run)` })
      expect(await checkGitPush(repoRoot, remote, 'HEAD')).toMatchObject({
        ok: true,
        detail: expect.stringContaining(' main accepts'),
      })
      expect(await simpleGit(remote).raw(['show-ref'])).toBe(refsBefore)

      const missing = await checkGitPush(repoRoot, remote, 'talk')
      expect(missing).toMatchObject({ ok: false, detail: `podinfo follows talk: no branch of ${remote}; the demo can only push to a branch` })
      expect(missing.fix).toContain('scripts/set-repo.sh')
      expect(await checkGitPush(repoRoot, remote, 'v1')).toMatchObject({ ok: false, detail: 'podinfo follows v1: a tag; the demo can only push to a branch' })

      const unreachable = await checkGitPush(repoRoot, join(dir, 'no-such-remote.git'), 'main')
      expect(unreachable).toMatchObject({
        ok: false,
        name: 'git push',
        detail: expect.stringContaining('fatal:'),
      })
      expect(unreachable.fix).toContain('credentials')
    }
    finally {
      await rm(workspace.root, { recursive: true, force: true })
    }
  })

  it('--remote: the deck answers on the LAN address the slides show, or says what is wrong', async () => {
    // The deck's join route, as npm run dev -- --remote serves it; 127.0.0.1 stands in for the LAN address.
    let shows: string | null = null
    const deck = createServer((request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(request.url === '/__demo/join'
        ? { url: shows }
        : {}))
    })
    await new Promise<void>(resolve => deck.listen(0, '127.0.0.1', resolve))
    const port = (deck.address() as { port: number }).port
    try {
      shows = `http://127.0.0.1:${port}`
      expect(await checkDeckOnLan(port, '127.0.0.1')).toEqual({ ok: true, name: 'phones can join', detail: `http://127.0.0.1:${port} answers and the slides show it; now open it on a phone on the room's network` })
      shows = 'http://192.168.1.20:3030'
      expect(await checkDeckOnLan(port, '127.0.0.1')).toMatchObject({
        ok: false,
        detail: expect.stringContaining('the network changed'),
        fix: 'restart npm run dev -- --remote',
      })
      shows = null
      expect(await checkDeckOnLan(port, '127.0.0.1')).toMatchObject({
        ok: false,
        detail: expect.stringContaining('runs without --remote'),
      })
    }
    finally {
      await new Promise(resolve => deck.close(resolve))
    }
    expect(await checkDeckOnLan(port, '127.0.0.1', 1000)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('nothing answers on'),
      fix: expect.stringContaining('npm run dev -- --remote'),
    })
    expect(await checkDeckOnLan(port, undefined)).toMatchObject({
      ok: false,
      fix: expect.stringContaining('phone hotspot'),
    })
  })
})
