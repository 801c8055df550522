// The socket.io events between the demo server and its clients, and the server's health answer.
import type { z } from 'zod'
import type { PresenterRequest } from './actions'
import type { StatePatch } from './patch'
import type { ActionResponse } from './problems'
import type { askRequestSchema, Moderation, QuestionBoard, QuestionResponse, QuestionsPatch, voteRequestSchema } from './questions'
import type { DemoState } from './state'
import type { ConnectionState } from './statuses'

export interface HealthResponse {
  ok: true
  mode: DemoState['mode']
  connection: ConnectionState
}

export interface ServerToClientEvents {
  /** The whole state, numbered: on connect and when a client asks for it (`resync`). */
  state: (state: DemoState, seq: number) => void
  /** What changed since state `seq - 1`: a client that missed one asks for `resync`. */
  patch: (patch: StatePatch) => void
  /** The whole question board, numbered: on connect and on `questionsResync`. */
  questions: (board: QuestionBoard, seq: number) => void
  /** What changed on the board since `seq - 1`. */
  questionsPatch: (patch: QuestionsPatch) => void
}

export interface ClientToServerEvents {
  action: (request: PresenterRequest, ack: (response: ActionResponse) => void) => void
  /** Asks for the whole state again (a patch was missed or did not apply). */
  resync: () => void
  /** Anyone: a new question (`{ text }`). */
  ask: (request: z.infer<typeof askRequestSchema>, ack: (response: QuestionResponse) => void) => void
  /** Anyone: one vote for a question (`{ id }`), once per phone. */
  vote: (request: z.infer<typeof voteRequestSchema>, ack: (response: QuestionResponse) => void) => void
  /** The presenter only. */
  moderate: (request: Moderation, ack: (response: QuestionResponse) => void) => void
  /** Asks for the whole question board again. */
  questionsResync: () => void
}
