import type { SimpleGit } from 'simple-git'
import { firstLine } from '../../common/text'
import { GitProblemError } from '../backend'
import { gitError } from './git-env'

// Only "someone else pushed first" is worth a fetch, rebase and retry (also when both pushes reached
// the remote at the same moment: it then fails to lock or update the ref). A declined push (branch
// protection, a hook) or any other refusal is reported at once.
const behindRemote = /\((?:fetch first|non-fast-forward|failed to update ref|incorrect old value provided)\)|cannot lock ref/

/**
 * Pushes; when the remote moved on (someone else pushed), fetches, rebases and retries.
 * Never forces: both changes end up in history. A rebase conflict is aborted and reported.
 */
export async function pushWithRetry(git: SimpleGit, remote: string, branch: string, attempts = 5): Promise<{ retries: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      await git.push(remote, branch)
      return { retries: attempt }
    }
    catch (error) {
      if (attempt + 1 >= attempts || !behindRemote.test(String(error)))
        throw gitError(error)
    }
    try {
      await git.pull(remote, branch, { '--rebase': null })
    }
    catch (error) {
      await git.rebase(['--abort']).catch(() => {})
      throw new GitProblemError({ kind: 'rebaseConflicts', remote, branch }, firstLine(error))
    }
  }
}
