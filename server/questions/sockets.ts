// The Q&A over the demo server's socket.io: anyone asks and votes (validated, rate-limited per phone and address),
// only the presenter's token moderates. The board goes out whole on connect, then as coalesced patches.
import type { QuestionProblem, QuestionResponse } from '../../common/protocol'
import type { RefusalLog } from '../access/refusal-log'
import type { DemoIo, DemoSocket } from '../transport/sockets'
import type { QuestionLimits } from './limits'
import type { QuestionStore, StoreResult } from './store'
import { askRequestSchema, moderationSchema, phoneIdSchema, voteRequestSchema } from '../../common/protocol'
import { checkQuestionText } from '../../common/questions'
import { questionProblemText } from '../../common/words/questions'
import { clientAddress } from '../access/viewer-limits'
import { StateBroadcaster } from '../transport/state-broadcaster'
import { QuestionPublisher } from './publisher'

/** Board patches at most this often: 20 questions a second reach 200 phones as ~5 messages a second, not 20. */
const PUBLISH_INTERVAL_MS = 200

export interface QuestionServices {
  store: QuestionStore
  limits: QuestionLimits
  refusals: RefusalLog
}

function refusal(problem: QuestionProblem, extra: { retryAfterSeconds?: number, duplicateOf?: number } = {}): QuestionResponse {
  return {
    ok: false,
    error: questionProblemText(problem, 'en', extra.retryAfterSeconds),
    problem,
    ...extra,
  }
}

function answer(result: StoreResult): QuestionResponse {
  return result.ok
    ? result
    : refusal(result.problem, result.duplicateOf === undefined
        ? {}
        : { duplicateOf: result.duplicateOf })
}

export function serveQuestions(io: DemoIo, { store, limits, refusals }: QuestionServices): { stop: () => void } {
  let notify = () => {}
  const publisher = new QuestionPublisher(store, () => notify())
  const broadcaster = new StateBroadcaster(() => {
    const patch = publisher.flush()
    if (patch)
      io.emit('questionsPatch', patch)
  }, PUBLISH_INTERVAL_MS)
  notify = () => broadcaster.notify()

  io.on('connection', (socket) => {
    const phone = phoneIdSchema.safeParse((socket.handshake.auth as { phone?: unknown } | undefined)?.phone).data
    const address = clientAddress(socket.request)
    socket.emit('questions', publisher.board, publisher.seq)
    socket.on('questionsResync', () => socket.emit('questions', publisher.board, publisher.seq))
    handle(socket, 'ask', (payload) => {
      const request = askRequestSchema.safeParse(payload)
      if (!request.success)
        return refusal('invalid')
      if (!phone)
        return refusal('noPhone')
      // Text that cannot be kept costs no budget: a typo must not lock a phone out; a flood of it meets the viewer limits.
      const checked = checkQuestionText(request.data.text)
      if (!checked.ok)
        return refusal(checked.problem)
      const verdict = limits.take('ask', phone, address)
      if (!verdict.ok)
        return refusal('tooFast', { retryAfterSeconds: verdict.retryAfterSeconds })
      return answer(store.ask(request.data.text, phone))
    })
    handle(socket, 'vote', (payload) => {
      const request = voteRequestSchema.safeParse(payload)
      if (!request.success)
        return refusal('invalid')
      if (!phone)
        return refusal('noPhone')
      const verdict = limits.take('vote', phone, address)
      if (!verdict.ok)
        return refusal('tooFast', { retryAfterSeconds: verdict.retryAfterSeconds })
      return answer(store.vote(request.data.id, phone))
    })
    handle(socket, 'moderate', (payload) => {
      // A viewer's moderation is refused before anything looks at it.
      if (!socket.data.presenter)
        return refusal('readOnly')
      const request = moderationSchema.safeParse(payload)
      return request.success
        ? answer(store.moderate(request.data))
        : refusal('invalid')
    })
  })

  /** Runs `work` on an event's payload and acks its answer; every refusal is counted for the log's summary. */
  function handle(socket: DemoSocket, event: 'ask' | 'vote' | 'moderate', work: (payload: unknown) => QuestionResponse): void {
    socket.on(event, (payload: unknown, ack: unknown) => {
      const response = work(payload)
      if (!response.ok) {
        refusals.count(`${event === 'moderate'
          ? 'moderations'
          : event === 'ask'
            ? 'questions'
            : 'votes'} (${response.problem})`)
      }
      if (typeof ack === 'function')
        (ack as (response: QuestionResponse) => void)(response)
    })
  }

  return {
    stop: () => {
      broadcaster.stop()
      publisher.stop()
    },
  }
}
