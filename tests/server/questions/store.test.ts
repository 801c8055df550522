import { describe, expect, it } from 'vitest'
import { MAX_OPEN_QUESTIONS, QUESTION_MAX_CHARS } from '../../../common/protocol'
import { QuestionStore } from '../../../server/questions/store'

const PHONE = 'phone-aaaaaaaaaaaaaaaa'
const OTHER = 'phone-bbbbbbbbbbbbbbbb'

describe('the question store', () => {
  it('keeps a question trimmed, counts one vote per phone, and lists the open ones', () => {
    const store = new QuestionStore()
    expect(store.ask('  How do you roll back a database migration?  ', PHONE)).toEqual({ ok: true, id: 1 })
    expect(store.vote(1, OTHER)).toEqual({ ok: true, id: 1 })
    expect(store.vote(1, OTHER)).toEqual({ ok: false, problem: 'alreadyVoted' })
    expect(store.vote(1, PHONE)).toEqual({ ok: true, id: 1 })
    expect(store.board()).toEqual({
      questions: [
        {
          id: 1,
          text: 'How do you roll back a database migration?',
          votes: 2,
          at: expect.any(String),
        },
      ],
    })
  })

  it('refuses bad text with its reason: empty, too long, control characters, bidi overrides', () => {
    const store = new QuestionStore()
    expect(store.ask('   ', PHONE)).toEqual({ ok: false, problem: 'empty' })
    expect(store.ask('x'.repeat(QUESTION_MAX_CHARS + 1), PHONE)).toEqual({ ok: false, problem: 'tooLong' })
    // 280 emoji are 280 characters, though 560 UTF-16 units.
    expect(store.ask('🚀'.repeat(QUESTION_MAX_CHARS), PHONE)).toMatchObject({ ok: true })
    for (const text of [
      'a\u0000b',
      'line\nbreak',
      'esc\u001B[2J',
      'tab\there',
      'evil\u202Eelgoog',
      'sep\u2028x',
    ])
      expect(store.ask(text, PHONE), JSON.stringify(text)).toEqual({ ok: false, problem: 'controlCharacters' })
    expect(store.openCount).toBe(1)
  })

  it('refuses a duplicate of an open question and names it, whatever its case, spacing or question mark', () => {
    const store = new QuestionStore()
    store.ask('Why Argo CD and not Flux?', PHONE)
    expect(store.ask('why  argo cd and NOT flux', OTHER)).toEqual({ ok: false, problem: 'duplicate', duplicateOf: 1 })
    store.moderate({ type: 'done', id: 1 })
    expect(store.ask('why argo cd and not flux?', OTHER)).toEqual({ ok: true, id: 2 })
  })

  it('holds at most MAX_OPEN_QUESTIONS open questions; marking one done makes room', () => {
    const store = new QuestionStore(undefined, () => new Date(), 3)
    for (const n of [1, 2, 3])
      expect(store.ask(`question ${n}`, PHONE)).toMatchObject({ ok: true })
    expect(store.ask('question 4', PHONE)).toEqual({ ok: false, problem: 'full' })
    store.moderate({ type: 'done', id: 2 })
    expect(store.ask('question 4', PHONE)).toEqual({ ok: true, id: 4 })
    expect(MAX_OPEN_QUESTIONS).toBeGreaterThanOrEqual(100)
  })

  it('shows only the question the presenter chose; done takes it off the projector', () => {
    const store = new QuestionStore()
    store.ask('first', PHONE)
    store.ask('second', PHONE)
    store.vote(2, OTHER)
    expect(store.board().shown).toBeUndefined()
    expect(store.moderate({ type: 'show', id: 2 })).toEqual({ ok: true, id: 2 })
    expect(store.board().shown).toBe(2)
    expect(store.moderate({ type: 'show', id: 9 })).toEqual({ ok: false, problem: 'noSuchQuestion' })
    expect(store.board().shown).toBe(2)
    store.moderate({ type: 'done', id: 2 })
    expect(store.board()).toEqual({
      questions: [
        expect.objectContaining({ id: 1 }),
      ],
    })
    expect(store.vote(2, PHONE)).toEqual({ ok: false, problem: 'noSuchQuestion' })
    store.moderate({ type: 'show', id: 1 })
    store.moderate({ type: 'hide' })
    expect(store.board().shown).toBeUndefined()
  })

  it('tells its listeners what changed, once per change', () => {
    const store = new QuestionStore()
    const changes: unknown[] = []
    store.onChange(change => changes.push(change))
    store.ask('a question', PHONE)
    store.vote(1, OTHER)
    store.vote(1, OTHER)
    store.moderate({ type: 'show', id: 1 })
    store.moderate({ type: 'show', id: 1 })
    store.moderate({ type: 'done', id: 1 })
    expect(changes).toEqual([
      {
        upsert: [1],
        remove: [],
        shown: false,
      },
      {
        upsert: [1],
        remove: [],
        shown: false,
      },
      { upsert: [], remove: [], shown: true },
      {
        upsert: [],
        remove: [1],
        shown: true,
      },
    ])
  })
})
