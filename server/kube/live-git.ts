// The live backend's git side: the demo's clone of the repository podinfo's Application follows, its state for the
// git panel, the git actions' report, and a fetch whenever Argo CD reports a commit the clone does not have yet.
import type { GitState, TimelineEvent } from '../../common/protocol'
import type { GitActionReport } from '../git/git-actions'
import type { GitSource } from './git'
import { errorMessage } from '../../common/text'
import { gitProblemFields } from '../backend'
import { remoteSettings } from '../git/git-env'
import { gitReport } from '../kit/git-report'
import { LiveRepository, withoutCredentials } from './git'

export interface LiveGitOptions {
  /** --repo, else the Application's repoURL. */
  repo: string | undefined
  workDir: string
  sourceRoot: string
  podinfoApp: string
  gitCommandMs: number
  /** A timeline event from git (or Argo CD, for a refused refresh). */
  add: (source: 'git' | 'argocd' | 'presenter', event: TimelineEvent) => void
  changed: () => void
  /** Runs `work` in line with the presenter's actions: two fetches into one clone fail to lock its refs. */
  inLine: (work: () => Promise<void>) => Promise<void>
  /** Asks Argo CD to refresh podinfo after a push. */
  refresh: () => Promise<void>
}

export class LiveGit {
  state: GitState
  private repository: Promise<LiveRepository | undefined> = Promise.resolve(undefined)
  private error: Error | undefined
  private closed = false
  private background: Promise<void> = Promise.resolve()
  /** Revisions Argo CD reported that the clone did not have: fetched once each. */
  private readonly followed = new Set<string>()

  readonly report: GitActionReport

  constructor(private readonly options: LiveGitOptions, timeline: Parameters<typeof gitReport>[0]['timeline']) {
    this.state = {
      remote: withoutCredentials(options.repo ?? ''),
      branch: 'main',
      head: '',
      log: [],
    }
    this.report = gitReport({
      timeline,
      changed: options.changed,
      readGit: async () => {
        const repository = await this.require()
        this.state = await repository.state()
        return { log: this.state.log, branch: repository.branch }
      },
      refresh: () => this.refreshAfterPush(),
    })
  }

  /** Clones (or reuses) the repository `source` names; a failure is on the timeline and leaves git actions off. */
  open(source: Promise<GitSource>): void {
    this.repository = this.clone(source)
  }

  async require(): Promise<LiveRepository> {
    const repository = await this.repository
    if (!repository)
      throw this.error ?? new Error('no git repository')
    return repository
  }

  /** A revision git does not show yet (someone pushed elsewhere): fetch, so the panel matches Argo CD. */
  follow(revision: string | undefined): void {
    if (!revision || this.state.log.some(commit => commit.sha === revision) || this.followed.has(revision))
      return
    this.followed.add(revision)
    const work = this.options.inLine(async () => {
      const repository = await this.repository
      if (!repository || this.closed)
        return
      await repository.fetch()
      this.state = await repository.state()
      this.options.changed()
    }).catch(() => {})
    // Awaited by close(): a fetch still writing into the clone must not race its removal.
    this.background = this.background.then(() => work)
  }

  async close(): Promise<void> {
    this.closed = true
    await this.repository.catch(() => undefined)
    await this.background
  }

  private async clone(sourceInUse: Promise<GitSource>): Promise<LiveRepository | undefined> {
    const source = await sourceInUse
    const repo = this.options.repo ?? source.repoURL
    if (!repo) {
      this.error = new Error(`no repository: pass --repo URL|PATH (apps/apps/podinfo.yaml names none)`)
      return undefined
    }
    this.state = {
      ...this.state,
      remote: withoutCredentials(repo),
    }
    try {
      const repository = await LiveRepository.open({
        repo,
        workDir: this.options.workDir,
        sourceRoot: this.options.sourceRoot,
        targetRevision: source.targetRevision,
        appName: this.options.podinfoApp,
        remote: await remoteSettings(this.options.gitCommandMs),
      })
      this.state = await repository.state()
      this.options.changed()
      return repository
    }
    catch (error) {
      this.error = error instanceof Error
        ? error
        : new Error(String(error))
      this.options.add('git', {
        kind: 'git.unavailable',
        reason: this.error.message,
        ...gitProblemFields(error),
      })
      this.options.changed()
      return undefined
    }
  }

  /** After a push Argo CD is asked to refresh instead of polling (120 s + jitter); a refusal is on the timeline. */
  private async refreshAfterPush(): Promise<void> {
    try {
      await this.options.refresh()
    }
    catch (error) {
      this.options.add('argocd', {
        kind: 'app.refreshFailed',
        app: this.options.podinfoApp,
        reason: errorMessage(error),
      })
    }
  }
}
