import type { JournalEvent } from '../../../server/questions/journal'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openJournal, parseJournal } from '../../../server/questions/journal'
import { QuestionStore } from '../../../server/questions/store'

const PHONE = 'phone-aaaaaaaaaaaaaaaa'
const OTHER = 'phone-bbbbbbbbbbbbbbbb'

describe('the question journal (.demo/questions.jsonl)', () => {
  let dir: string
  let file: string
  const warnings: string[] = []
  const logger = {
    info: () => {},
    warn: (line: string) => warnings.push(line),
    error: () => {},
  }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'questions-'))
    file = join(dir, 'nested', 'questions.jsonl')
    warnings.length = 0
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  function reopen(): QuestionStore {
    const { journal, events } = openJournal(file, logger)
    const store = new QuestionStore(journal)
    store.restore(events)
    return store
  }

  it('writes each event as it happens; a new store on the same file shows the same board', async () => {
    const first = reopen()
    first.ask('What does self-heal do to a manual hotfix?', PHONE)
    first.ask('Does this work with Helm?', OTHER)
    first.vote(2, PHONE)
    first.moderate({ type: 'show', id: 2 })
    first.moderate({ type: 'done', id: 1 })
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map(line => JSON.parse(line) as JournalEvent)
    expect(lines.map(line => line.kind)).toEqual([
      'asked',
      'asked',
      'voted',
      'shown',
      'done',
    ])
    // The file knows phones by a hash, never by the id they keep.
    expect(await readFile(file, 'utf8')).not.toContain(PHONE)

    const second = reopen()
    expect(second.board()).toEqual(first.board())
    expect(second.board()).toEqual({
      questions: [
        expect.objectContaining({ id: 2, votes: 1 }),
      ],
      shown: 2,
    })
    // The vote is remembered, ids go on where they were.
    expect(second.vote(2, PHONE)).toEqual({ ok: false, problem: 'alreadyVoted' })
    expect(second.ask('And with Kustomize?', PHONE)).toEqual({ ok: true, id: 3 })
  })

  it('skips a truncated last line with a warning, and the next question starts on a line of its own', async () => {
    const first = reopen()
    first.ask('kept one', PHONE)
    first.ask('kept two', PHONE)
    const whole = await readFile(file, 'utf8')
    // A power cut in the middle of the third line.
    await writeFile(file, `${whole}{"kind":"asked","id":3,"text":"lost in the cu`)

    const second = reopen()
    expect(second.board().questions.map(question => question.text)).toEqual(['kept one', 'kept two'])
    expect(warnings).toEqual([
      expect.stringMatching(/questions\.jsonl:3 skipped: cut short/),
    ])
    expect(second.ask('after the crash', OTHER)).toEqual({ ok: true, id: 3 })

    warnings.length = 0
    const third = reopen()
    expect(third.board().questions.map(question => question.text)).toEqual(['kept one', 'kept two', 'after the crash'])
    expect(warnings).toEqual([
      expect.stringMatching(/:3 skipped: not JSON/),
    ])
  })

  it('names a line that is not a question event, and keeps the rest', () => {
    const { events, skipped } = parseJournal([
      '{"kind":"asked","id":1,"text":"ok","at":"2026-12-01T10:00:00.000Z","by":"0123456789abcdef"}',
      '{"kind":"asked","id":"two"}',
      '',
      '{"kind":"voted","id":1,"at":"2026-12-01T10:00:01.000Z","by":"0123456789abcdef"}',
      '',
    ].join('\n'))
    expect(events.map(event => event.kind)).toEqual(['asked', 'voted'])
    expect(skipped).toEqual([
      {
        line: 2,
        reason: expect.stringContaining('not a question event'),
      },
    ])
  })
})
