// Small wording helpers both sides use: a commit as people say it, and an error as one line.

/** A commit's short SHA, as git and Argo CD show it; `missing` where there is none. */
export function shortSha(sha: string | undefined, missing = '—'): string {
  return sha
    ? sha.slice(0, 7)
    : missing
}

/** What went wrong, as text: an Error's message, anything else as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error
    ? error.message
    : String(error)
}

/** The first line of an error's message: git and the kube client put their point there. */
export function firstLine(error: unknown): string {
  return errorMessage(error).trim().split('\n')[0] || 'unknown error'
}
