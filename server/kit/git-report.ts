// What a backend does around a git action: the command on the timeline at once, git's lines after it, and after a
// push the git panel updated, `git.pushed` and a refresh asked of Argo CD (instead of its 3-minute poll).
import type { ActionResult, CommitInfo, TimelineEvent } from '../../common/protocol'
import type { GitActionReport, GitPushAction } from '../git/git-actions'
import type { Timeline } from '../support/timeline'

export interface GitReportOptions {
  timeline: Timeline
  /** The state changed: the room must see the command while git commits and pushes, not a second later. */
  changed: () => void
  /** Reads git again after a push; returns the log (newest first) and the branch. */
  readGit: () => Promise<{ log: readonly CommitInfo[], branch: string }>
  /** Asks Argo CD to refresh the Application that follows the branch. */
  refresh: () => Promise<void> | void
}

export function gitReport({ timeline, changed, readGit, refresh }: GitReportOptions): GitActionReport {
  return {
    presenter: (event: TimelineEvent) => {
      timeline.add('presenter', event)
      changed()
    },
    git: (event: TimelineEvent) => timeline.add('git', event),
    published: async (sha: string, action: GitPushAction): Promise<ActionResult> => {
      const { log, branch } = await readGit()
      const subject = log.find(commit => commit.sha === sha)?.subject ?? ''
      timeline.add('git', {
        kind: 'git.pushed',
        sha,
        subject,
        branch,
        action,
      })
      await refresh()
      return { sha }
    },
  }
}
