import type { ActionRequest, ActionResult, ConnectionState, DemoState, PresenterRequest } from '../common/protocol'

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
