import type { ActionProblem, ActionRequest, ActionResult, ConnectionState, DemoState, GitProblem, PresenterRequest, Refusal } from '../common/protocol'
import { gitProblemText } from '../common/words/git-problems'
import { refusalText } from '../common/words/refusals'

export type BackendKind = 'sim' | 'kube' | 'replay'

/**
 * One ops-demo behind the socket.io server: the simulated one or (later) the live cluster.
 * The server serialises actions, so `perform` is never called while another action runs.
 */
export interface Backend {
  readonly mode: DemoState['mode']
  start: () => Promise<void>
  getState: () => DemoState
  connection: () => ConnectionState
  /** Called after every change of the state; returns an unsubscribe function. */
  onChange: (listener: () => void) => () => void
  /** Performs a validated action; rejects with an Error whose message is safe to show. */
  perform: (request: ActionRequest) => Promise<ActionResult>
  close: () => Promise<void>
  /** The cluster's Argo CD version (e.g. "v3.1.9"), for a recording's header; undefined when unknown. */
  argoCdVersion?: () => Promise<string | undefined>
}

/** What the server talks to: a backend that also answers the presenter's switch (`replay.start` / `replay.stop`). */
export interface DemoBackend extends Omit<Backend, 'perform'> {
  perform: (request: PresenterRequest) => Promise<ActionResult>
}

export class BackendUnavailableError extends Error {}

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

/** A cluster action refused before it changed anything (`problem` for the deck); the message is the English wording. */
export class RefusedError extends Error {
  constructor(readonly problem: Refusal) {
    super(refusalText(problem, 'en'))
    this.name = 'RefusedError'
  }
}

/** What a git timeline event carries of `error` for the deck to word: its problem and git's words, if any. */
export function gitProblemFields(error: unknown): { problem?: GitProblem, detail?: string } {
  if (!(error instanceof GitProblemError))
    return {}
  return error.detail
    ? { problem: error.problem, detail: error.detail }
    : { problem: error.problem }
}

/** What an ack carries of `error` for the deck to word: a git problem (and git's words), or a refusal. */
export function problemFields(error: unknown): { problem?: ActionProblem, detail?: string } {
  return error instanceof RefusedError
    ? { problem: error.problem }
    : gitProblemFields(error)
}
