import type { SimpleGit } from 'simple-git'
import process from 'node:process'
import { GitError, simpleGit } from 'simple-git'
// Git that talks to a remote the presenter does not control: never a prompt (a terminal prompt or an
// ssh password question would freeze the demo), every command bounded in time, failures in git's own words.
import { errorMessage } from '../../common/text'
import { GitProblemError } from '../backend'
import { roundedSeconds } from '../support/deadline'

export interface GitRemoteSettings {
  /** A command that prints nothing for this long is stopped (a silent remote, an unanswered prompt). */
  timeoutMs: number
  /** GIT_SSH_COMMAND: the presenter's own ssh command, in batch mode. */
  sshCommand: string
}

export const DEFAULT_GIT_TIMEOUT_MS = 20_000

// simple-git refuses these when they are passed explicitly (and drops them from the ambient environment).
const GUARDED = /^(?:git_.*|editor|pager|prefix|ssh_askpass|visual)$/i

let configuredSsh: Promise<string> | undefined

/** The presenter's ssh command (core.sshCommand, else ssh) with BatchMode=yes: fail instead of asking. */
export async function batchSshCommand(): Promise<string> {
  configuredSsh ??= simpleGit().raw(['config', '--get', 'core.sshCommand']).then(text => text.trim(), () => '')
  return `${await configuredSsh || 'ssh'} -o BatchMode=yes -o ConnectTimeout=10`
}

export async function remoteSettings(timeoutMs = DEFAULT_GIT_TIMEOUT_MS): Promise<GitRemoteSettings> {
  return { timeoutMs, sshCommand: await batchSshCommand() }
}

/** A SimpleGit for work that may reach a remote: GIT_TERMINAL_PROMPT=0, ssh in batch mode, a timeout. */
export function remoteGit(baseDir: string | undefined, settings: GitRemoteSettings): SimpleGit {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([key]) => !GUARDED.test(key)))
  return simpleGit({
    ...(baseDir
      ? { baseDir }
      : {}),
    timeout: { block: settings.timeoutMs },
    allowEnvironment: [
      'GIT_TERMINAL_PROMPT',
      'GIT_SSH_COMMAND',
      'GIT_HTTP_LOW_SPEED_LIMIT',
      'GIT_HTTP_LOW_SPEED_TIME',
    ],
    unsafe: { allowUnsafeSshCommand: true },
    errors: (error) => {
      if (error instanceof Error && error.message === 'block timeout reached')
        return new GitTimeout(roundedSeconds(settings.timeoutMs))
      return error
    },
  }).env({
    ...environment,
    GIT_TERMINAL_PROMPT: '0',
    GIT_SSH_COMMAND: settings.sshCommand,
    // Killing git leaves its http helper waiting on a silent server; curl's own limit ends that too.
    GIT_HTTP_LOW_SPEED_LIMIT: '1',
    GIT_HTTP_LOW_SPEED_TIME: String(Math.max(1, Math.ceil(settings.timeoutMs / 1000))),
  })
}

/** git's own timeout. A GitError: simple-git passes those on as they are, and wraps any other error in a new one. */
class GitTimeout extends GitError {
  constructor(readonly seconds: number) {
    super(undefined, `git gave no answer in ${seconds} s`)
  }
}

/**
 * What git said, as an error: a push the remote declined (a hook, branch protection) with the remote's own
 * `remote:` words, git's timeout, or else git's `fatal:`/`error:` line, or its first line.
 */
export function gitError(error: unknown): Error {
  if (error instanceof GitProblemError)
    return error
  if (error instanceof GitTimeout)
    return new GitProblemError({ kind: 'noAnswer', seconds: error.seconds }, undefined, { cause: error })
  const text = errorMessage(error).replace(/^Error: /, '')
  const lines = text.split('\n').map(entry => entry.trim()).filter(Boolean)
  const remote = lines
    .filter(entry => entry.startsWith('remote:'))
    .map(entry => entry.replace(/^remote:\s*/, ''))
    .filter(entry => entry && !/^(?:error: )?hook declined/i.test(entry))
  // `git push --porcelain` (what simple-git runs): "!<TAB>src:dst<TAB>[remote rejected] (reason)".
  const declined = lines.find(entry => /^!\s.*\[remote rejected\]/.test(entry))
  if (declined) {
    const reason = /\(([^)]*)\)\s*$/.exec(declined)?.[1] ?? 'declined'
    return new GitProblemError({ kind: 'pushDeclined', reason }, remote.join(' ') || undefined, { cause: error })
  }
  const fatal = lines.find(entry => /^(?:fatal|error):/.test(entry) && !entry.startsWith('error: failed to push some refs'))
  return new Error(fatal ?? lines.find(entry => !/^(?:Cloning into|remote: (?:Enumerating|Counting|Compressing|Total))/.test(entry)) ?? lines[0] ?? 'unknown error', { cause: error })
}

/** What git said, in one line (see gitError). */
export function gitFailure(error: unknown): string {
  return gitError(error).message
}
