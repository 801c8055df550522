import type { GitProblem } from '../../common/protocol'
import { gitProblemText } from '../../common/words/git-problems'

/**
 * A git action that failed for a reason the deck can word in its language (`problem`), with git's own words, if
 * any, as `detail`. The message is the English wording, for the presenter's ack and the logs.
 */
export class GitProblemError extends Error {
  constructor(readonly problem: GitProblem, readonly detail?: string, options?: ErrorOptions) {
    super(gitProblemText(problem, detail, 'en'), options)
    this.name = 'GitProblemError'
  }
}

/** What an ack or a timeline event carries of `error` for the deck to word: its problem and git's words, if any. */
export function problemFields(error: unknown): { problem?: GitProblem, detail?: string } {
  if (!(error instanceof GitProblemError))
    return {}
  return error.detail
    ? { problem: error.problem, detail: error.detail }
    : { problem: error.problem }
}
