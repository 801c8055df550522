import type { KubeHarness } from './harness'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkspace } from '../../../server/git/workspace'
import { withoutCredentials } from '../../../server/kube/git'
import { line } from '../../helpers/timeline'
import { repoRoot, startHarness } from './harness'

const REFRESH = {
  metadata: {
    annotations: { 'argocd.argoproj.io/refresh': 'normal' },
  },
}

/** For each test: a bare remote holding this repository's apps/ and manifests/, and a harness whose clone has read it. */
function harnessWithRemotePerTest(take: (harness: KubeHarness, remoteDir: string) => void): void {
  let harness: KubeHarness | undefined
  let workspaceRoot: string | undefined
  beforeEach(async () => {
    const workspace = await createWorkspace(repoRoot, ['apps', 'manifests'])
    workspaceRoot = workspace.root
    harness = await startHarness({ repo: workspace.remoteDir })
    take(harness, workspace.remoteDir)
    await expect.poll(() => harness!.state().git.log.length, { timeout: 10_000 }).toBe(1)
  })
  afterEach(async () => {
    await harness?.close()
    if (workspaceRoot)
      await rm(workspaceRoot, { recursive: true, force: true })
  })
}

describe('kube backend: git actions push to the remote, then ask Argo CD to refresh', () => {
  let harness: KubeHarness
  let remoteDir: string
  harnessWithRemotePerTest((started, remote) => {
    harness = started
    remoteDir = remote
  })

  const remoteFile = (path: string) => simpleGit(remoteDir).show([`main:${path}`])
  const remoteHead = async () => (await simpleGit(remoteDir).revparse(['main'])).trim()

  it('git.setColor commits the manifest, pushes, and annotates podinfo for refresh after the push', async () => {
    const result = await harness.backend.perform({ type: 'git.setColor', color: '#00aa55', message: 'Groen / Green' })
    expect(result.sha).toBe(await remoteHead())
    const manifest = await remoteFile('manifests/apps/podinfo/deployment.yaml')
    expect(manifest).toContain('value: "#00aa55"')
    expect(manifest).toContain('value: "Groen / Green"')
    expect(manifest).toContain('# The talk shows this block')
    expect(harness.fake.writes()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/podinfo',
        contentType: 'application/merge-patch+json',
        body: REFRESH,
      }),
    ])
    const state = harness.state()
    expect(state.git).toMatchObject({ remote: remoteDir, branch: 'main', head: result.sha })
    expect(state.git.log[0]?.subject).toBe('podinfo: colour #00aa55, message "Groen / Green"')
    expect(state.git.lastDiff).toContain('+              value: "#00aa55"')
    expect(state.timeline.some(entry => entry.source === 'git' && line(entry).startsWith(result.sha!.slice(0, 7)))).toBe(true)
  })

  it('builds on a push made elsewhere (fetches first, never forces), then reverts and resets by new commits', async () => {
    const other = join(harness.dir, 'colleague')
    await simpleGit().clone(remoteDir, other)
    const colleague = simpleGit(other)
    await colleague.addConfig('user.email', 'colleague@example.test').addConfig('user.name', 'Colleague')
    await writeFile(join(other, 'NOTES.md'), 'a colleague was here\n')
    await colleague.add(['NOTES.md']).commit('notes').push('origin', 'main')

    const colour = await harness.backend.perform({ type: 'git.setColor', color: '#123456' })
    const log = await simpleGit(remoteDir).log(['main'])
    expect(log.all.map(commit => commit.message).slice(0, 2)).toEqual(['podinfo: colour #123456', 'notes'])

    const reverted = await harness.backend.perform({ type: 'git.revert', sha: colour.sha })
    expect(await remoteFile('manifests/apps/podinfo/deployment.yaml')).not.toContain('#123456')
    expect(reverted.sha).toBe(await remoteHead())
    await expect(harness.backend.perform({ type: 'demo.reset' })).resolves.toEqual({})

    await harness.backend.perform({ type: 'git.setColor', color: '#654321' })
    const reset = await harness.backend.perform({ type: 'demo.reset' })
    expect(reset.sha).toBe(await remoteHead())
    expect(await remoteFile('manifests/apps/podinfo/deployment.yaml')).toContain('value: "#34577c"')
    expect(harness.fake.writes().filter(request => JSON.stringify(request.body) === JSON.stringify(REFRESH))).toHaveLength(4)
  })
  it('git.race: the colleague pushes first, ours is rejected, rebased and pushed; both in history; then a refresh', async () => {
    const before = await remoteHead()
    const result = await harness.backend.perform({ type: 'git.race', color: '#e67e22' })
    const log = await simpleGit(remoteDir).log(['main'])
    expect(log.all.slice(0, 3).map(commit => [commit.message, commit.author_name])).toEqual([
      [
        'podinfo: colour #e67e22',
        expect.any(String),
      ],
      [
        expect.stringMatching(/^podinfo: message /),
        'A colleague',
      ],
      [
        expect.any(String),
        expect.any(String),
      ],
    ])
    expect(log.all[2]!.hash).toBe(before)
    expect(result).toMatchObject({ sha: await remoteHead(), theirs: log.all[1]!.hash, rejected: 1 })
    const manifest = await remoteFile('manifests/apps/podinfo/deployment.yaml')
    expect(manifest).toContain('value: "#e67e22"')
    expect(manifest).toContain('value: "Collega was eerst / Colleague first"')
    expect(harness.state().timeline.map(line)).toEqual(expect.arrayContaining([
      expect.stringMatching(/rejected \(non-fast-forward\)/),
    ]))
    expect(harness.fake.writes().at(-1)).toMatchObject({ method: 'PATCH', body: REFRESH })
  })
})

describe('git remote display', () => {
  it('shows remotes without credentials', () => {
    expect(withoutCredentials('https://user:ghp_secret@github.com/ops-demo/gitops-in-practice.git')).toBe('https://github.com/ops-demo/gitops-in-practice.git')
    expect(withoutCredentials('git@github.com:ops-demo/gitops-in-practice.git')).toBe('git@github.com:ops-demo/gitops-in-practice.git')
  })
})

describe('kube backend: honest git demos', () => {
  let harness: KubeHarness
  let remoteDir: string
  harnessWithRemotePerTest((started, remote) => {
    harness = started
    remoteDir = remote
  })

  it('every git.race really races: the colleague changes something new each time', async () => {
    const first = await harness.backend.perform({ type: 'git.race', color: '#e67e22' })
    const second = await harness.backend.perform({ type: 'git.race', color: '#2ecc71' })
    expect(first.rejected).toBe(1)
    expect(second.rejected).toBe(1)
    expect(second.theirs).not.toBe(first.theirs)
    const log = await simpleGit(remoteDir).log(['main'])
    const colleague = log.all.filter(commit => commit.author_name === 'A colleague').map(commit => commit.message)
    expect(colleague).toHaveLength(2)
    expect(new Set(colleague).size).toBe(2)
    expect(harness.state().timeline.map(line).filter(text => text.includes('rejected (non-fast-forward)'))).toHaveLength(2)
  })

  it('a race whose colour git already has says so plainly instead of claiming a race', async () => {
    await harness.backend.perform({ type: 'git.setColor', color: '#e67e22' })
    const before = await simpleGit(remoteDir).revparse(['main'])
    await expect(harness.backend.perform({ type: 'git.race', color: '#e67e22' })).rejects.toThrow('nothing to race: git already has podinfo at #e67e22; pick another colour')
    expect(await simpleGit(remoteDir).revparse(['main'])).toBe(before)
    expect(harness.state().timeline.map(line).filter(text => text.includes('rejected (non-fast-forward)'))).toEqual([])
    // On the timeline as an event the deck words in its language, not as an English error text.
    expect(harness.state().timeline.at(-1)).toMatchObject({
      source: 'git',
      kind: 'git.unchanged',
      action: 'race',
      color: '#e67e22',
    })
  })

  it('a commit of the colour git already has is an event too, and pushes nothing', async () => {
    await harness.backend.perform({ type: 'git.setColor', color: '#e67e22' })
    const before = await simpleGit(remoteDir).revparse(['main'])
    await expect(harness.backend.perform({ type: 'git.setColor', color: '#e67e22' })).rejects.toThrow('nothing to commit: git already has podinfo at #e67e22')
    expect(await simpleGit(remoteDir).revparse(['main'])).toBe(before)
    expect(harness.state().timeline.at(-1)).toMatchObject({
      source: 'git',
      kind: 'git.unchanged',
      action: 'commit',
      color: '#e67e22',
    })
    expect(harness.state().timeline.some(entry => entry.kind === 'git.failed')).toBe(false)
  })

  it('a revert that conflicts with later changes says which file', async () => {
    const older = await harness.backend.perform({ type: 'git.setColor', color: '#111111' })
    await harness.backend.perform({ type: 'git.setColor', color: '#222222' })
    await expect(harness.backend.perform({ type: 'git.revert', sha: older.sha })).rejects.toThrow(`cannot revert ${older.sha!.slice(0, 7)}: it conflicts with later changes to manifests/apps/podinfo/deployment.yaml`)
    const status = await simpleGit(join(harness.dir, 'clone')).status()
    expect(status.isClean()).toBe(true)
  })
})
