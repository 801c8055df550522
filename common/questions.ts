// A question's text as the phone checks it before sending and the server checks it again: the same rules both sides.
import type { Question, QuestionProblem } from './protocol'
import { QUESTION_MAX_CHARS } from './protocol'

/**
 * Control characters (NUL, line breaks, escapes), the line and paragraph separators, and the bidirectional
 * overrides and isolates, which would let a question show the projector other words than it holds.
 */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u

export type CheckedText = { ok: true, text: string } | { ok: false, problem: QuestionProblem }

/** The text as it is kept (trimmed, NFC), or what is wrong with it. */
export function checkQuestionText(raw: string): CheckedText {
  if (FORBIDDEN.test(raw))
    return { ok: false, problem: 'controlCharacters' }
  const text = raw.normalize('NFC').trim()
  if (text.length === 0)
    return { ok: false, problem: 'empty' }
  if (questionLength(text) > QUESTION_MAX_CHARS)
    return { ok: false, problem: 'tooLong' }
  return { ok: true, text }
}

/** Characters as people count them (code points), not UTF-16 units: an emoji is one. */
export function questionLength(text: string): number {
  return [...text].length
}

/** What makes two questions the same: case, spacing, accents' composition and the closing punctuation aside. */
export function questionKey(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').replace(/[\s?!.…]+$/u, '').trim()
}

/** Most votes first; of equal votes, the one asked first. */
export function byVotes(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => b.votes - a.votes || a.id - b.id)
}
