import type { ActionRequest, ActionResult, ConnectionState, DemoState } from './protocol'

export type BackendKind = 'sim' | 'kube'

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
}

export class BackendUnavailableError extends Error {}
