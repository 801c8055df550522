import type { SimpleGit } from 'simple-git'
import type { Workspace } from './workspace'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { authorOption } from '../../common/demo-authors'
import { PodinfoClone } from './clone'
import { createWorkspace } from './workspace'

/**
 * The simulation's git side: a working clone whose changes are committed and pushed to a temporary bare remote.
 * Readers (the modelled Argo CD) read the remote, like Argo CD's repo-server does.
 */
export class DemoRepository extends PodinfoClone {
  private readonly remote: SimpleGit
  private initialSha = ''

  private constructor(readonly workspace: Workspace) {
    super(simpleGit(workspace.workDir), workspace.workDir, workspace.branch, {
      author: authorOption('presenter'),
    })
    this.remote = simpleGit(workspace.remoteDir)
  }

  static async create(sourceRoot: string, paths: readonly string[] = ['apps', 'manifests']): Promise<DemoRepository> {
    const repository = new DemoRepository(await createWorkspace(sourceRoot, paths))
    repository.initialSha = await repository.remoteHead()
    return repository
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

  /** Writes `content` to `path`, commits and pushes; returns the new commit, or undefined if nothing changed. */
  async commitFile(path: string, content: string, subject: string): Promise<string | undefined> {
    return this.change(() => subject, async () => {
      await writeFile(join(this.workspace.workDir, path), content)
      await this.git.add([path])
    })
  }

  async readWorkingFile(path: string): Promise<string> {
    await this.syncWithRemote()
    return this.git.show([`HEAD:${path}`])
  }

  /** Back to the first commit's content by a new commit; history is kept. */
  async resetToStart(): Promise<string | undefined> {
    return this.change(() => 'Reset the demo to its starting point', async () => {
      await this.git.raw([
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
}
