import type { SimpleGit } from 'simple-git'

const rejectedPush = /rejected|fetch first|non-fast-forward|failed to push/i

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
      if (attempt + 1 >= attempts || !rejectedPush.test(String(error)))
        throw error
    }
    try {
      await git.pull(remote, branch, { '--rebase': null })
    }
    catch (error) {
      await git.rebase(['--abort']).catch(() => {})
      throw new Error(`push rejected and the rebase onto ${remote}/${branch} conflicts: ${firstLine(error)}`)
    }
  }
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error
    ? error.message
    : String(error)
  return text.trim().split('\n')[0] ?? 'unknown error'
}
