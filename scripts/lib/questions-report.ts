// The Q&A for the presenter's follow-up: every question the phones asked, from .demo/questions.jsonl, with its
// votes and whether it was answered in the talk (marked done), most votes first.
import type { JournalEvent, SkippedLine } from '../../server/questions/journal'

export interface AskedQuestion {
  id: number
  text: string
  at: string
  votes: number
  answered: boolean
  shown: boolean
}

export function questionsOf(events: readonly JournalEvent[]): AskedQuestion[] {
  const byId = new Map<number, AskedQuestion & { voters: Set<string> }>()
  for (const event of events) {
    if (event.kind === 'asked') {
      byId.set(event.id, {
        id: event.id,
        text: event.text,
        at: event.at,
        votes: 0,
        answered: false,
        shown: false,
        voters: new Set(),
      })
      continue
    }
    const question = event.id === null
      ? undefined
      : byId.get(event.id)
    if (!question)
      continue
    if (event.kind === 'voted')
      question.voters.add(event.by)
    else if (event.kind === 'shown')
      question.shown = true
    else
      question.answered = true
  }
  return [
    ...byId.values(),
  ]
    .map(({ voters, ...question }) => ({ ...question, votes: voters.size }))
    .sort((a, b) => b.votes - a.votes || a.id - b.id)
}

function time(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      })
}

function line(question: AskedQuestion): string {
  const votes = `▲${question.votes}`.padStart(4)
  return `  ${votes}  ${question.text}  (${time(question.at)}${question.shown ? ', on the projector' : ''})`
}

export function questionsReport(file: string, questions: readonly AskedQuestion[], skipped: readonly SkippedLine[]): string {
  if (questions.length === 0) {
    return `No questions in ${file}.${skipped.length
      ? ` (${skipped.length} line(s) skipped: unreadable)`
      : ''}`
  }
  const open = questions.filter(question => !question.answered)
  const answered = questions.filter(question => question.answered)
  const lines = [
    `${questions.length} question(s) in ${file}: ${open.length} to follow up, ${answered.length} answered in the talk.`,
  ]
  if (open.length > 0)
    lines.push('', 'To follow up (most votes first):', ...open.map(line))
  if (answered.length > 0)
    lines.push('', 'Answered in the talk:', ...answered.map(line))
  for (const { line: number, reason } of skipped)
    lines.push('', `(line ${number} skipped: ${reason})`)
  return lines.join('\n')
}
