import type { SimpleGit } from 'simple-git'
import type { CommitInfo } from '../../common/protocol'
import type { PodinfoRepository } from './git-actions'
import type { RaceChange, RaceResult } from './race'
import type { Workspace } from './workspace'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { authorOption } from '../../common/demo-authors'
import { PODINFO_DEPLOYMENT_PATH } from '../../common/manifests'
import { GIT_LOG_LIMIT } from '../../common/protocol'
import { firstLine } from '../../common/text'
import { GitProblemError } from '../backend'
import { commitRevert, stagePodinfoEnv } from './edits'
import { NothingToChange } from './nothing-to-change'
import { pushWithRetry } from './push'
import { raceWithColleague } from './race'
import { createWorkspace } from './workspace'

const DIFF_LIMIT = 4000
const PRESENTER_AUTHOR = authorOption('presenter')

/**
 * The demo's git side: a working clone whose changes are committed and pushed to a bare remote.
 * Readers (the modelled Argo CD) read the remote, like Argo CD's repo-server does.
 */
export class DemoRepository implements PodinfoRepository {
  private readonly work: SimpleGit
  private readonly remote: SimpleGit
  private initialSha = ''
  lastDiff: string | undefined

  private constructor(readonly workspace: Workspace) {
    this.work = simpleGit(workspace.workDir)
    this.remote = simpleGit(workspace.remoteDir)
  }

  static async create(sourceRoot: string, paths: readonly string[] = ['apps', 'manifests']): Promise<DemoRepository> {
    const repository = new DemoRepository(await createWorkspace(sourceRoot, paths))
    repository.initialSha = await repository.remoteHead()
    return repository
  }

  get branch(): string {
    return this.workspace.branch
  }

  get remoteUrl(): string {
    return `file://${this.workspace.remoteDir}`
  }

  async remoteHead(): Promise<string> {
    return (await this.remote.revparse([`refs/heads/${this.branch}`])).trim()
  }

  async readFile(revision: string, path: string): Promise<string> {
    return this.remote.show([`${revision}:${path}`])
  }

  /** Files under `dir` at `revision`, like Argo CD's directory source (recursive). */
  async listFiles(revision: string, dir: string): Promise<string[]> {
    const output = await this.remote.raw([
      'ls-tree',
      '-r',
      '--name-only',
      revision,
      '--',
      dir,
    ])
    return output.split('\n').filter(Boolean)
  }

  async log(limit = GIT_LOG_LIMIT): Promise<CommitInfo[]> {
    const output = await this.remote.raw([
      'log',
      `--max-count=${limit}`,
      '--format=%H%x1f%s%x1f%an%x1f%aI',
      this.branch,
      '--',
    ])
    return output.split('\n').filter(Boolean).map((line) => {
      const [sha = '', subject = '', author = '', date = ''] = line.split('\x1F')
      return { sha, subject, author, date }
    })
  }

  /** Writes `content` to `path`, commits and pushes; returns the new commit, or undefined if nothing changed. */
  async commitFile(path: string, content: string, subject: string): Promise<string | undefined> {
    return this.change(() => subject, async () => {
      await writeFile(join(this.workspace.workDir, path), content)
      await this.work.add([path])
    })
  }

  /** Sets podinfo's env values in git; undefined when git already has them. */
  async setPodinfoEnv(values: Record<string, string>, subject: string): Promise<string | undefined> {
    return this.change(() => subject, () => stagePodinfoEnv(this.work, this.workspace.workDir, values))
  }

  async readWorkingFile(path: string): Promise<string> {
    await this.syncWithRemote()
    return this.work.show([`HEAD:${path}`])
  }

  /** `git revert` as a new commit, pushed. */
  async revert(sha?: string): Promise<string> {
    return commitRevert((subject, edit) => this.change(subject, edit), this.work, this.branch, sha)
  }

  /** Q&A: a colleague's push lands first; ours is rejected, rebased and pushed. Both stay in history. */
  async race(ours: RaceChange, theirs: RaceChange): Promise<RaceResult> {
    await this.syncWithRemote()
    try {
      const result = await raceWithColleague({
        work: this.work,
        workDir: this.workspace.workDir,
        cloneFrom: this.workspace.remoteDir,
        branch: this.branch,
        file: PODINFO_DEPLOYMENT_PATH,
        ours: { ...ours, author: PRESENTER_AUTHOR },
        theirs,
      })
      this.lastDiff = (await this.work.show(['--format=%h %s', '--patch', result.ours])).slice(0, DIFF_LIMIT)
      return result
    }
    catch (error) {
      await this.discardLocal()
      if (error instanceof NothingToChange || error instanceof GitProblemError)
        throw error
      throw new GitProblemError({ kind: 'raceFailed' }, firstLine(error))
    }
  }

  /** Back to the first commit's content by a new commit; history is kept. */
  async resetToStart(): Promise<string | undefined> {
    return this.change(() => 'Reset the demo to its starting point', async () => {
      await this.work.raw([
        'read-tree',
        '-u',
        '--reset',
        this.initialSha,
      ])
    })
  }

  async dispose(): Promise<void> {
    await rm(this.workspace.root, { recursive: true, force: true })
  }

  private async change(subject: () => string, edit: () => Promise<void>): Promise<string | undefined> {
    await this.syncWithRemote()
    try {
      await edit()
      const status = await this.work.status()
      if (status.isClean())
        return undefined
      await this.work.commit(subject().split('\n\n'), undefined, { '--author': PRESENTER_AUTHOR })
      return await this.publish()
    }
    catch (error) {
      await this.discardLocal()
      throw error
    }
  }

  private async publish(): Promise<string> {
    try {
      await pushWithRetry(this.work, 'origin', this.branch)
    }
    catch (error) {
      await this.discardLocal()
      throw error instanceof GitProblemError
        ? error
        : new GitProblemError({ kind: 'pushFailed' }, firstLine(error))
    }
    const sha = (await this.work.revparse(['HEAD'])).trim()
    this.lastDiff = (await this.work.show(['--format=%h %s', '--patch', sha])).slice(0, DIFF_LIMIT)
    return sha
  }

  /** Only unpublished local work is dropped here; the remote's history is never rewritten. */
  private async discardLocal(): Promise<void> {
    await this.work.raw(['reset', '--hard', `origin/${this.branch}`]).catch(() => {})
  }

  private async syncWithRemote(): Promise<void> {
    await this.work.fetch('origin', this.branch)
    await this.work.raw(['reset', '--hard', `origin/${this.branch}`])
  }
}
