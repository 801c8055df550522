// A working clone of the demo's GitOps repository, the same for the simulated and the live ops-demo: its log, a
// podinfo change committed and pushed (rebased and retried when the remote moved on, never forced), a revert, the
// Q&A race, and the patch of the last change. Local state is disposable: the remote is the truth.
import type { SimpleGit } from 'simple-git'
import type { CommitInfo, GitProblem } from '../../common/protocol'
import type { PodinfoRepository } from './git-actions'
import type { GitRemoteSettings } from './git-env'
import type { RaceChange, RaceResult } from './race'
import { PODINFO_DEPLOYMENT_PATH } from '../../common/manifests'
import { GIT_LOG_LIMIT } from '../../common/protocol'
import { GitProblemError } from '../backend'
import { commitRevert, stagePodinfoEnv } from './edits'
import { gitError, gitFailure } from './git-env'
import { NothingToChange } from './nothing-to-change'
import { pushWithRetry } from './push'
import { raceWithColleague } from './race'

const DIFF_LIMIT = 4000

export interface CloneOptions {
  /** `--author` of the demo's commits; without it, the clone's own identity (the presenter's, on the VM). */
  author?: string
  /** The remote as a failure names it; the simulation's temporary remote is not named. */
  remoteLabel?: string
  /** Prompts off and timeouts on, for a remote the presenter does not control; a local remote needs none. */
  remote?: GitRemoteSettings
  /** Makes git's words fit to show (the live remote's URL may carry credentials). */
  scrub?: (text: string) => string
}

export abstract class PodinfoClone implements PodinfoRepository {
  lastDiff: string | undefined

  constructor(protected readonly git: SimpleGit, protected readonly workDir: string, readonly branch: string, private readonly options: CloneOptions = {}) {}

  /** Back to the demo's starting point by a new commit: history is never rewritten. */
  abstract resetToStart(): Promise<string | undefined>

  async fetch(): Promise<void> {
    await this.git.fetch('origin', this.branch)
  }

  /** The branch's history as the remote has it (at the last fetch or push), newest first. */
  async log(limit = GIT_LOG_LIMIT): Promise<CommitInfo[]> {
    const output = await this.git.raw([
      'log',
      `--max-count=${limit}`,
      '--format=%H%x1f%s%x1f%an%x1f%aI',
      `origin/${this.branch}`,
      '--',
    ])
    return output.split('\n').filter(Boolean).map((line) => {
      const [sha = '', subject = '', author = '', date = ''] = line.split('\x1F')
      return { sha, subject, author, date }
    })
  }

  /** Sets podinfo's env values in git; undefined when git already has them. */
  async setPodinfoEnv(values: Record<string, string>, subject: string): Promise<string | undefined> {
    return this.change(() => subject, () => stagePodinfoEnv(this.git, this.workDir, values))
  }

  /** `git revert` as a new commit, pushed. */
  async revert(sha?: string): Promise<string> {
    return commitRevert((subject, edit) => this.change(subject, edit), this.git, this.branch, sha, error => this.shown(gitFailure(error)))
  }

  /** Q&A: a colleague's push (from a second clone of the same remote) lands first; ours is rejected, rebased, pushed. */
  async race(ours: RaceChange, theirs: RaceChange): Promise<RaceResult> {
    await this.syncWithRemote()
    try {
      const result = await raceWithColleague({
        work: this.git,
        workDir: this.workDir,
        cloneFrom: (await this.git.remote(['get-url', 'origin']) ?? '').trim(),
        branch: this.branch,
        file: PODINFO_DEPLOYMENT_PATH,
        ours: { ...ours, author: this.options.author },
        theirs,
        remote: this.options.remote,
      })
      await this.rememberDiff(result.ours)
      return result
    }
    catch (error) {
      await this.discardLocal()
      if (error instanceof NothingToChange)
        throw error
      throw this.failure(error, 'raceFailed')
    }
  }

  /** Commits what `edit` stages and pushes it; undefined when it staged nothing. */
  protected async change(subject: () => string, edit: () => Promise<void>): Promise<string | undefined> {
    await this.syncWithRemote()
    try {
      await edit()
      if ((await this.git.status()).isClean())
        return undefined
      await this.git.commit(subject().split('\n\n'), undefined, this.options.author
        ? { '--author': this.options.author }
        : {})
      try {
        await pushWithRetry(this.git, 'origin', this.branch)
      }
      catch (error) {
        throw this.failure(error, 'pushFailed')
      }
      // A successful push moves origin/<branch> too: the log reads it without another fetch.
      const sha = (await this.git.revparse(['HEAD'])).trim()
      await this.rememberDiff(sha)
      return sha
    }
    catch (error) {
      await this.discardLocal()
      throw error
    }
  }

  /** The branch checked out at the remote's head; `--force` drops what a failed action left in the work tree. */
  protected async syncWithRemote(): Promise<void> {
    await this.fetch()
    await this.git.raw([
      'checkout',
      '--force',
      '-B',
      this.branch,
      `origin/${this.branch}`,
    ])
  }

  /** Only unpublished local work is dropped here; the remote's history is never rewritten. */
  private async discardLocal(): Promise<void> {
    await this.git.raw(['reset', '--hard', `origin/${this.branch}`]).catch(() => {})
  }

  private async rememberDiff(sha: string): Promise<void> {
    this.lastDiff = (await this.git.show(['--format=%h %s', '--patch', sha])).slice(0, DIFF_LIMIT)
  }

  /** A failed push or race as the deck words it (`problem`), with git's own words fit to show. */
  private failure(error: unknown, kind: Extract<GitProblem['kind'], 'pushFailed' | 'raceFailed'>): GitProblemError {
    const failure = gitError(error)
    if (failure instanceof GitProblemError)
      return new GitProblemError(failure.problem, failure.detail && this.shown(failure.detail), { cause: error })
    const label = this.options.remoteLabel
    return new GitProblemError(label
      ? { kind, remote: label }
      : { kind }, this.shown(failure.message), { cause: error })
  }

  private shown(text: string): string {
    return this.options.scrub?.(text) ?? text
  }
}
