// The Q&A board: the open questions with their votes (one per phone), and the one on the projector, which only the
// presenter chooses. Every change is an event, written to the journal first and then applied; a restarted server
// applies the journal's events again and shows the same board.
import type { Moderation, Question, QuestionBoard, QuestionProblem } from '../../common/protocol'
import type { JournalEvent, QuestionJournal } from './journal'
import { createHash } from 'node:crypto'
import { MAX_OPEN_QUESTIONS } from '../../common/protocol'
import { checkQuestionText, questionKey } from '../../common/questions'

interface StoredQuestion {
  id: number
  text: string
  at: string
  key: string
  voters: Set<string>
}

export type StoreResult = { ok: true, id?: number } | { ok: false, problem: QuestionProblem, duplicateOf?: number }

/** What one change touched: questions added or re-counted, questions gone, and whether the shown one changed. */
export interface BoardChange {
  upsert: number[]
  remove: number[]
  shown: boolean
}

/** A phone as the store and its file know it: a hash of its id (the id itself stays on the phone). */
export function voterOf(phone: string): string {
  return createHash('sha256').update(phone).digest('hex').slice(0, 16)
}

export class QuestionStore {
  private readonly open = new Map<number, StoredQuestion>()
  private readonly byKey = new Map<string, number>()
  private lastId = 0
  private shownId: number | undefined
  private readonly listeners = new Set<(change: BoardChange) => void>()

  constructor(
    private readonly journal?: QuestionJournal,
    private readonly now: () => Date = () => new Date(),
    private readonly maxOpen = MAX_OPEN_QUESTIONS,
  ) {}

  /** Replays events read from the journal (they are not written again). */
  restore(events: readonly JournalEvent[]): void {
    for (const event of events)
      this.apply(event)
  }

  ask(raw: string, phone: string): StoreResult {
    const checked = checkQuestionText(raw)
    if (!checked.ok)
      return checked
    const key = questionKey(checked.text)
    const duplicateOf = this.byKey.get(key)
    if (duplicateOf !== undefined)
      return { ok: false, problem: 'duplicate', duplicateOf }
    if (this.open.size >= this.maxOpen)
      return { ok: false, problem: 'full' }
    const id = this.lastId + 1
    this.record({
      kind: 'asked',
      id,
      text: checked.text,
      at: this.now().toISOString(),
      by: voterOf(phone),
    })
    return { ok: true, id }
  }

  vote(id: number, phone: string): StoreResult {
    const question = this.open.get(id)
    if (!question)
      return { ok: false, problem: 'noSuchQuestion' }
    const by = voterOf(phone)
    if (question.voters.has(by))
      return { ok: false, problem: 'alreadyVoted' }
    this.record({
      kind: 'voted',
      id,
      at: this.now().toISOString(),
      by,
    })
    return { ok: true, id }
  }

  /** The presenter's choice; nothing else ever sets the shown question. */
  moderate(request: Moderation): StoreResult {
    const at = this.now().toISOString()
    if (request.type === 'hide') {
      if (this.shownId !== undefined)
        this.record({ kind: 'shown', id: null, at })
      return { ok: true }
    }
    if (!this.open.has(request.id))
      return { ok: false, problem: 'noSuchQuestion' }
    if (request.type === 'show') {
      if (this.shownId !== request.id)
        this.record({ kind: 'shown', id: request.id, at })
    }
    else {
      this.record({ kind: 'done', id: request.id, at })
    }
    return { ok: true, id: request.id }
  }

  board(): QuestionBoard {
    return {
      questions: [
        ...this.open.values(),
      ].map(question => this.public(question)),
      ...(this.shownId === undefined
        ? {}
        : { shown: this.shownId }),
    }
  }

  question(id: number): Question | undefined {
    const question = this.open.get(id)
    return question && this.public(question)
  }

  get shown(): number | undefined {
    return this.shownId
  }

  get openCount(): number {
    return this.open.size
  }

  onChange(listener: (change: BoardChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private public(question: StoredQuestion): Question {
    return {
      id: question.id,
      text: question.text,
      votes: question.voters.size,
      at: question.at,
    }
  }

  private record(event: JournalEvent): void {
    this.journal?.write(event)
    const change = this.apply(event)
    if (change)
      this.listeners.forEach(listener => listener(change))
  }

  /** One event's effect on the board; undefined when it changes nothing (an event of a question gone). */
  private apply(event: JournalEvent): BoardChange | undefined {
    switch (event.kind) {
      case 'asked': {
        this.lastId = Math.max(this.lastId, event.id)
        const key = questionKey(event.text)
        this.open.set(event.id, {
          id: event.id,
          text: event.text,
          at: event.at,
          key,
          voters: new Set(),
        })
        this.byKey.set(key, event.id)
        return {
          upsert: [event.id],
          remove: [],
          shown: false,
        }
      }
      case 'voted': {
        const question = this.open.get(event.id)
        if (!question || question.voters.has(event.by))
          return undefined
        question.voters.add(event.by)
        return {
          upsert: [event.id],
          remove: [],
          shown: false,
        }
      }
      case 'shown': {
        const id = event.id !== null && this.open.has(event.id)
          ? event.id
          : undefined
        if (id === this.shownId)
          return undefined
        this.shownId = id
        return { upsert: [], remove: [], shown: true }
      }
      case 'done': {
        const question = this.open.get(event.id)
        if (!question)
          return undefined
        this.open.delete(event.id)
        this.byKey.delete(question.key)
        const wasShown = this.shownId === event.id
        if (wasShown)
          this.shownId = undefined
        return {
          upsert: [],
          remove: [event.id],
          shown: wasShown,
        }
      }
    }
  }
}
