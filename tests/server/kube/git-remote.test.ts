// The live clone follows the branch Argo CD watches, never waits on a prompt or a silent remote,
// and says what git said when it fails.
import type { Server } from 'node:net'
import { once } from 'node:events'
import { rm, writeFile } from 'node:fs/promises'
import { createServer as createHttpServer } from 'node:http'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { afterEach, describe, expect, it } from 'vitest'
import { timelineText } from '../../../common/words/timeline'
import { createWorkspace } from '../../../server/git/workspace'
import { line } from '../../helpers/timeline'
import { repoRoot, startHarness } from './harness'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup()
})

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  cleanups.push(() => new Promise(resolve => server.close(resolve)))
  return (server.address() as { port: number }).port
}

async function workspace() {
  const created = await createWorkspace(repoRoot, ['apps', 'manifests'])
  cleanups.push(() => rm(created.root, { recursive: true, force: true }))
  return created
}

function setTargetRevision(revision: string) {
  return (fake: import('./fake-api/server').FakeKubeApiServer) => {
    fake.update('applications', 'argocd', 'podinfo', (object) => {
      (object.spec as { source: { targetRevision: string } }).source.targetRevision = revision
    })
  }
}

describe('kube backend: the branch Argo CD watches', () => {
  it('commits to the Application\'s targetRevision branch, not the remote\'s default branch', async () => {
    const { remoteDir, workDir } = await workspace()
    await simpleGit(workDir).push('origin', 'main:talk')
    const main = (await simpleGit(remoteDir).revparse(['main'])).trim()
    const harness = await startHarness({ repo: remoteDir }, setTargetRevision('talk'))
    cleanups.push(() => harness.close())
    await expect.poll(() => harness.state().git.branch, { timeout: 10_000 }).toBe('talk')
    const result = await harness.backend.perform({ type: 'git.setColor', color: '#00aa55' })
    expect((await simpleGit(remoteDir).revparse(['talk'])).trim()).toBe(result.sha)
    expect((await simpleGit(remoteDir).revparse(['main'])).trim()).toBe(main)
  })

  it('refuses a tag or a commit as the target, saying what to do', async () => {
    const { remoteDir, workDir } = await workspace()
    await simpleGit(workDir).addTag('v1.0.0').pushTags('origin')
    for (const [revision, expected] of [
      ['v1.0.0', /podinfo follows v1\.0\.0, a tag: the demo can only push to a branch; point podinfo at a branch \(scripts\/set-repo\.sh URL BRANCH\)/],
      ['4f1c2a9', /podinfo follows 4f1c2a9, a commit: the demo can only push to a branch/],
      ['no-such-branch', /podinfo follows no-such-branch, which is no branch of /],
    ] as const) {
      const harness = await startHarness({ repo: remoteDir }, setTargetRevision(revision))
      try {
        await expect(harness.backend.perform({ type: 'git.setColor', color: '#00aa55' })).rejects.toThrow(expected)
        expect(harness.state().timeline.map(line)).toContainEqual(expect.stringMatching(expected))
      }
      finally {
        await harness.close()
      }
    }
  })
})

describe('kube backend: git never waits for a prompt or a silent remote', () => {
  it('a remote that accepts and never answers fails within the git timeout, saying so', async () => {
    const sockets = new Set<import('node:net').Socket>()
    const silent = createServer(socket => sockets.add(socket))
    const port = await listen(silent)
    cleanups.push(async () => {
      for (const socket of sockets)
        socket.destroy()
    })
    const started = Date.now()
    const harness = await startHarness({
      repo: `http://127.0.0.1:${port}/gitops.git`,
      timeouts: { gitCommandMs: 1000 },
    })
    cleanups.push(() => harness.close())
    await expect(harness.backend.perform({ type: 'git.setColor', color: '#00aa55' })).rejects.toThrow(/^cannot clone http:\/\/127\.0\.0\.1:\d+\/gitops\.git: git gave no answer in 1 s/)
    expect(Date.now() - started).toBeLessThan(8000)
  })

  it('a remote that asks for credentials fails at once with git\'s fatal: line (no terminal prompt)', async () => {
    const asking = createHttpServer((_, response) => {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="git"' })
      response.end()
    })
    const port = await listen(asking)
    const harness = await startHarness({
      repo: `http://127.0.0.1:${port}/gitops.git`,
      timeouts: { gitCommandMs: 5000 },
    })
    cleanups.push(() => harness.close())
    const expected = `fatal: could not read Username for 'http://127.0.0.1:${port}': terminal prompts disabled`
    await expect(harness.backend.perform({ type: 'git.setColor', color: '#00aa55' })).rejects.toThrow(expected)
    expect(harness.state().timeline.map(line)).toContain(`git actions unavailable: cannot clone http://127.0.0.1:${port}/gitops.git: ${expected}`)
    // The Dutch slide: the deck's words in Dutch, git's own line as git wrote it.
    const unavailable = harness.state().timeline.find(entry => entry.kind === 'git.unavailable')!
    expect(timelineText(unavailable, 'nl')).toBe(`git-acties niet beschikbaar: http://127.0.0.1:${port}/gitops.git klonen mislukt: ${expected}`)
  })

  it('a declined push shows the remote\'s reason in the ack and the timeline', async () => {
    const { remoteDir } = await workspace()
    await writeFile(join(remoteDir, 'hooks', 'pre-receive'), '#!/bin/sh\necho "branch main is protected"\nexit 1\n', { mode: 0o755 })
    const harness = await startHarness({ repo: remoteDir })
    cleanups.push(() => harness.close())
    await expect.poll(() => harness.state().git.log.length, { timeout: 10_000 }).toBe(1)
    await expect(harness.backend.perform({ type: 'git.setColor', color: '#00aa55' })).rejects.toThrow(/the remote declined the push \(pre-receive hook declined\): branch main is protected/)
    expect(harness.state().timeline.map(line)).toContain('git failed: the remote declined the push (pre-receive hook declined): branch main is protected')
  })
})
