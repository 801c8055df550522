// Questions for the Q&A: anyone asks and upvotes from a phone; only the presenter puts one on the projector.
import { z } from 'zod'
import { isoTime } from './fields'

/** A question's longest text, in characters (code points), after trimming. */
export const QUESTION_MAX_CHARS = 280
/** Open questions at most: past this, new ones are refused until the presenter marks some done. */
export const MAX_OPEN_QUESTIONS = 200

/** The phone's own random id (kept in its localStorage), sent at the handshake: one vote per phone and question. */
export const phoneIdSchema = z.string().regex(/^[\w-]{16,64}$/, 'a phone id is 16 to 64 letters, digits, - or _')

export const questionSchema = z.object({
  id: z.int().positive(),
  text: z.string(),
  votes: z.int().nonnegative(),
  at: isoTime,
})
export type Question = z.infer<typeof questionSchema>

/** The open questions in the order they were asked, and the one the presenter put on the projector. */
export const questionBoardSchema = z.object({
  questions: z.array(questionSchema),
  shown: z.int().positive().optional(),
})
export type QuestionBoard = z.infer<typeof questionBoardSchema>

/** What changed since board `seq - 1`: new or re-counted questions, questions gone (done), and the shown one (null: none). */
export const questionsPatchSchema = z.object({
  seq: z.int().nonnegative(),
  upsert: z.array(questionSchema),
  remove: z.array(z.int().positive()),
  shown: z.int().positive().nullable().optional(),
})
export type QuestionsPatch = z.infer<typeof questionsPatchSchema>

export const questionProblems = [
  'empty',
  'tooLong',
  'controlCharacters',
  'duplicate',
  'tooFast',
  'full',
  'alreadyVoted',
  'noSuchQuestion',
  'noPhone',
  'readOnly',
  'invalid',
] as const
export type QuestionProblem = (typeof questionProblems)[number]

export const askRequestSchema = z.strictObject({
  // The store words what is wrong with the text (empty, too long, control characters); this only bounds the work.
  text: z.string().max(QUESTION_MAX_CHARS * 8),
})
export const voteRequestSchema = z.strictObject({
  id: z.int().positive(),
})
/** The presenter's hand on the board: put a question on the projector, take it off, or mark it done (answered or removed). */
export const moderationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('show'),
    id: z.int().positive(),
  }),
  z.strictObject({
    type: z.literal('hide'),
  }),
  z.strictObject({
    type: z.literal('done'),
    id: z.int().positive(),
  }),
])
export type Moderation = z.infer<typeof moderationSchema>

/** A question action's answer: done (the question's id), or why not, as an English `error` and a `problem` to word. */
export const questionResponseSchema = z.union([
  z.object({
    ok: z.literal(true),
    id: z.int().positive().optional(),
  }),
  z.object({
    ok: z.literal(false),
    error: z.string(),
    problem: z.enum(questionProblems),
    /** tooFast: when the next one is accepted. */
    retryAfterSeconds: z.int().positive().optional(),
    /** duplicate: the open question with the same words (upvote that one). */
    duplicateOf: z.int().positive().optional(),
  }),
])
export type QuestionResponse = z.infer<typeof questionResponseSchema>
