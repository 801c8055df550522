import type { SimpleGit } from 'simple-git'
import { cp, mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'

export interface Workspace {
  root: string
  remoteDir: string
  workDir: string
  branch: string
}

export const DEMO_COMMITTER = { name: 'ops-demo simulator', email: 'simulator@ops-demo.local' }

/** Local identity and settings: CI machines have no global git identity, and signing would prompt. */
export async function configureClone(dir: string): Promise<void> {
  const git = simpleGit(dir)
  await git.addConfig('user.name', DEMO_COMMITTER.name)
  await git.addConfig('user.email', DEMO_COMMITTER.email)
  await git.addConfig('commit.gpgsign', 'false')
  await git.addConfig('pull.rebase', 'true')
  await disableBackgroundMaintenance(git)
}

/** No detached `git gc`/maintenance after a commit or fetch: it would still be writing when a clone is removed. */
export async function disableBackgroundMaintenance(git: SimpleGit): Promise<void> {
  await git.addConfig('gc.autoDetach', 'false')
  await git.addConfig('maintenance.autoDetach', 'false')
}

export async function createBareRemote(dir: string, branch: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await simpleGit(dir).raw(['init', '--bare', `--initial-branch=${branch}`])
}

export async function cloneRemote(remoteDir: string, workDir: string): Promise<void> {
  await simpleGit().clone(remoteDir, workDir)
  await configureClone(workDir)
}

/**
 * A bare "remote" and a working clone in a temporary folder, holding a copy of `paths`
 * (apps/ and manifests/) from `sourceRoot` as the first commit.
 */
export async function createWorkspace(sourceRoot: string, paths: readonly string[], branch = 'main'): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'gitops-demo-'))
  const remoteDir = join(root, 'remote.git')
  const workDir = join(root, 'work')
  await createBareRemote(remoteDir, branch)
  await mkdir(workDir)
  const git = simpleGit(workDir)
  await git.raw(['init', `--initial-branch=${branch}`])
  await configureClone(workDir)
  for (const path of paths)
    await cp(join(sourceRoot, path), join(workDir, path), { recursive: true })
  await git.add(['--all'])
  await git.commit('Start of the demo: apps/ and manifests/ of gitops-in-practice')
  await git.addRemote('origin', remoteDir)
  await git.push(['--set-upstream', 'origin', branch])
  return { root, remoteDir, workDir, branch }
}
