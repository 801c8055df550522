import type { SimpleGit } from 'simple-git'
import { rmSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import process from 'node:process'
import { simpleGit } from 'simple-git'
import { ensurePrivateDir, runtimeRoot } from '../support/paths'

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
  const git = simpleGit(dir)
  await git.raw(['init', '--bare', `--initial-branch=${branch}`])
  // A push runs `gc --auto` in the remote, detached by default: it could still be writing when the folder is removed.
  await git.addConfig('receive.autogc', 'false')
  await disableBackgroundMaintenance(git)
}

/** A process's folder of temporary repositories: `<pid>-<random>` under the runtime root. */
const PROCESS_DIR = /^(\d+)-[\w-]{6}$/
let processDir: Promise<string> | undefined

/**
 * This process's folder for temporary repositories, `<runtimeRoot>/<pid>-<random>`: whatever a server of this
 * process makes goes in there, and the folder goes when the process exits. A SIGKILL leaves it behind for
 * `reapStaleTempDirs` of the next server to start.
 */
export function processTempDir(): Promise<string> {
  processDir ??= (async () => {
    await ensurePrivateDir(runtimeRoot())
    const dir = await mkdtemp(join(runtimeRoot(), `${process.pid}-`))
    process.once('exit', () => {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
      }
      catch {}
    })
    return dir
  })()
  return processDir
}

/** A new folder in this process's temporary folder. */
export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(await processTempDir(), prefix))
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes what servers of this program left behind when they were killed: folders whose process is gone. */
export async function reapStaleTempDirs(): Promise<string[]> {
  const root = runtimeRoot()
  const stale = (await readdir(root).catch(() => [] as string[])).filter((name) => {
    const pid = Number(PROCESS_DIR.exec(name)?.[1])
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)
  })
  await Promise.all(stale.map(name => rm(join(root, name), { recursive: true, force: true, maxRetries: 3 })))
  return stale.map(name => join(root, name))
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
  const root = await makeTempDir('demo-')
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
