import type { SimpleGit } from 'simple-git'
import type { GitState } from '../../common/protocol'
import type { GitRemoteSettings } from '../git/git-env'
import type { Application } from './resources'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { simpleGit } from 'simple-git'
import { applicationSource, desiredPodinfo, parseApplications, PODINFO_DEPLOYMENT_PATH } from '../../common/manifests'
import { GitProblemError } from '../backend'
import { PodinfoClone } from '../git/clone'
import { gitFailure, remoteGit } from '../git/git-env'
import { disableBackgroundMaintenance } from '../git/workspace'

const FALLBACK_IDENTITY = { name: 'gitops-in-practice presenter', email: 'presenter@ops-demo.local' }

/** A remote URL fit to show: no user:password@ (tokens in https URLs). */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/)[^@/]*@/i, '$1')
}

const credentialsInUrls = /([a-z][\w+.-]*:\/\/)[^@/\s]*@/gi

/** What git said, in one line, with any credentials in URLs removed. */
function safeError(error: unknown): string {
  return gitFailure(error).replace(credentialsInUrls, '$1')
}

export interface GitSource {
  repoURL?: string
  targetRevision?: string
}

/** The source the podinfo Application follows, from the deck's own apps/apps/podinfo.yaml. */
export async function podinfoSource(sourceRoot: string, appName: string): Promise<GitSource | undefined> {
  const file = join(sourceRoot, 'apps/apps/podinfo.yaml')
  if (!existsSync(file))
    return undefined
  return parseApplications(await readFile(file, 'utf8'), file).find(app => app.name === appName)?.source
}

/** The repository the podinfo Application points at, from the deck's own apps/apps/podinfo.yaml. */
export async function podinfoRepoUrl(sourceRoot: string, appName: string): Promise<string | undefined> {
  return (await podinfoSource(sourceRoot, appName))?.repoURL
}

/** A local path with its own working tree is not touched: its `origin` is cloned instead. */
async function cloneSource(repo: string): Promise<string> {
  const looksLikePath = isAbsolute(repo) || repo.startsWith('.') || existsSync(repo)
  if (!looksLikePath)
    return repo
  const path = resolve(repo)
  if (!existsSync(join(path, '.git')))
    return path // a bare repository
  const origin = (await simpleGit(path).remote(['get-url', 'origin']).catch(() => ''))?.trim()
  if (!origin)
    throw new Error(`${path} has no "origin" remote to push to; pass --repo with the repository Argo CD watches`)
  return origin
}

export interface LiveRepositoryOptions {
  /** --repo: a URL, a bare repository, or a working clone whose origin is used. */
  repo: string
  /** The clone the demo works in (default <repo root>/.demo/repo). */
  workDir: string
  /** Where reset takes the podinfo manifests from: the deck's own checkout. */
  sourceRoot: string
  /** The Application's targetRevision: the branch to commit to ('' or HEAD: the remote's default branch). */
  targetRevision?: string
  /** Prompts off, timeouts on: the clone talks to a remote the presenter does not control. */
  remote: GitRemoteSettings
  /** Which Application follows the repository (for messages). */
  appName?: string
}

/**
 * The demo's own clone of the GitOps repository: commits podinfo changes and pushes them
 * with the user's git credentials (credential helper, ssh agent); never forces.
 */
export class LiveRepository extends PodinfoClone {
  private constructor(
    git: SimpleGit,
    workDir: string,
    readonly remoteUrl: string,
    branch: string,
    private readonly sourceRoot: string,
    remote: GitRemoteSettings,
  ) {
    super(git, workDir, branch, {
      remoteLabel: remoteUrl,
      remote,
      scrub: text => text.replace(credentialsInUrls, '$1'),
    })
  }

  static async open(options: LiveRepositoryOptions): Promise<LiveRepository> {
    const source = await cloneSource(options.repo)
    const { workDir } = options
    const shown = withoutCredentials(source)
    let git: SimpleGit
    try {
      if (existsSync(join(workDir, '.git'))) {
        const origin = (await simpleGit(workDir).remote(['get-url', 'origin']))?.trim()
        if (origin !== source)
          await rm(workDir, { recursive: true, force: true })
      }
      if (!existsSync(join(workDir, '.git'))) {
        await mkdir(dirname(workDir), { recursive: true })
        await remoteGit(undefined, options.remote).clone(source, workDir)
      }
      git = remoteGit(workDir, options.remote)
      await configureIdentity(git)
      await git.raw(['fetch', '--tags', '--prune', 'origin'])
    }
    catch (error) {
      throw new GitProblemError({ kind: 'cloneFailed', remote: shown }, safeError(error), { cause: error })
    }
    const branch = await branchToFollow(git, options.targetRevision, `${options.appName ?? 'podinfo'} follows`, shown)
    const repository = new LiveRepository(git, workDir, shown, branch, options.sourceRoot, options.remote)
    try {
      await repository.syncWithRemote()
    }
    catch (error) {
      throw new GitProblemError({ kind: 'checkoutFailed', branch, remote: shown }, safeError(error), { cause: error })
    }
    return repository
  }

  async state(): Promise<GitState> {
    const log = await this.log()
    const head = log[0]?.sha ?? ''
    return {
      remote: this.remoteUrl,
      branch: this.branch,
      head,
      log,
      lastDiff: this.lastDiff,
      desired: head
        ? await this.desiredAt(head)
        : undefined,
    }
  }

  private async desiredAt(revision: string): Promise<GitState['desired']> {
    try {
      return desiredPodinfo(await this.git.show([`${revision}:${PODINFO_DEPLOYMENT_PATH}`]))
    }
    catch {
      return undefined
    }
  }

  /** Back to the deck's own podinfo manifest, by a new commit: history is never rewritten. */
  async resetToStart(): Promise<string | undefined> {
    const start = await readFile(join(this.sourceRoot, PODINFO_DEPLOYMENT_PATH), 'utf8')
    return this.change(() => 'Reset the demo to its starting point', async () => {
      await writeFile(join(this.workDir, PODINFO_DEPLOYMENT_PATH), start)
      await this.git.add([PODINFO_DEPLOYMENT_PATH])
    })
  }
}

async function defaultBranch(git: SimpleGit): Promise<string> {
  const head = (await git.raw(['symbolic-ref', '--short', 'refs/remotes/origin/HEAD']).catch(() => '')).trim()
  return head.replace(/^origin\//, '') || 'main'
}

const refExists = async (git: SimpleGit, ref: string) => (await git.raw(['for-each-ref', '--format=%(refname)', ref])).trim() === ref

/**
 * The branch the Application's targetRevision names: the demo commits there, so Argo CD sees it.
 * HEAD (or nothing) is the remote's default branch, as for Argo CD; a tag or a commit cannot take a push.
 */
async function branchToFollow(git: SimpleGit, targetRevision: string | undefined, who: string, remote: string): Promise<string> {
  const revision = targetRevision?.trim() ?? ''
  if (revision === '' || revision === 'HEAD')
    return defaultBranch(git)
  const name = revision.replace(/^refs\/heads\//, '')
  if (await refExists(git, `refs/remotes/origin/${name}`))
    return name
  const fix = 'the demo can only push to a branch; point podinfo at a branch (scripts/set-repo.sh URL BRANCH)'
  if (await refExists(git, `refs/tags/${revision.replace(/^refs\/tags\//, '')}`))
    throw new Error(`${who} ${revision}, a tag: ${fix}`)
  if (/^[0-9a-f]{7,40}$/i.test(revision))
    throw new Error(`${who} ${revision}, a commit: ${fix}`)
  throw new Error(`${who} ${revision}, which is no branch of ${remote}: push that branch, or ${fix.replace('the demo can only push to a branch; ', '')}`)
}

/** The presenter's own identity when git has one; a local one on machines without (CI). */
async function configureIdentity(git: SimpleGit): Promise<void> {
  const email = (await git.raw(['config', 'user.email']).catch(() => '')).trim()
  if (!email) {
    await git.addConfig('user.name', FALLBACK_IDENTITY.name)
    await git.addConfig('user.email', FALLBACK_IDENTITY.email)
  }
  await git.addConfig('pull.rebase', 'true')
  await disableBackgroundMaintenance(git)
}

/**
 * The source Argo CD follows for podinfo: the Application in the cluster (once listed), else the deck's
 * apps/apps/podinfo.yaml (the same values, written by scripts/set-repo.sh).
 */
export async function podinfoSourceInUse(applications: readonly Application[], sourceRoot: string, appName: string): Promise<GitSource> {
  const app = applications.find(candidate => candidate.metadata?.name === appName)
  return applicationSource(app?.spec) ?? await podinfoSource(sourceRoot, appName) ?? {}
}
