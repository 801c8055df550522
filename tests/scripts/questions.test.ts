import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openJournal } from '../../server/questions/journal'
import { QuestionStore } from '../../server/questions/store'
import { repoRoot } from '../server/helpers'

const run = promisify(execFile)
const logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
}

async function questions(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['node_modules/.bin/tsx', 'scripts/questions.ts', ...args], { cwd: repoRoot })
  return stdout
}

describe('npm run questions', () => {
  let dir: string
  let file: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'questions-script-'))
    file = join(dir, 'questions.jsonl')
    const { journal } = openJournal(file, logger)
    const store = new QuestionStore(journal)
    store.ask('Which question got no answer?', 'phone-aaaaaaaaaaaaaaaa')
    store.ask('What about Helm?', 'phone-bbbbbbbbbbbbbbbb')
    store.ask('And Flux?', 'phone-cccccccccccccccc')
    store.vote(2, 'phone-aaaaaaaaaaaaaaaa')
    store.vote(2, 'phone-cccccccccccccccc')
    store.vote(3, 'phone-aaaaaaaaaaaaaaaa')
    store.moderate({ type: 'show', id: 3 })
    store.moderate({ type: 'done', id: 3 })
    journal.close()
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('prints what to follow up, most votes first, then what was answered in the talk', async () => {
    const output = await questions('--file', file)
    expect(output).toMatch(/3 question\(s\) in .*: 2 to follow up, 1 answered in the talk\./)
    const lines = output.split('\n')
    const followUp = lines.indexOf('To follow up (most votes first):')
    expect(lines[followUp + 1]).toMatch(/▲2 {2}What about Helm\?/)
    expect(lines[followUp + 2]).toMatch(/▲0 {2}Which question got no answer\?/)
    expect(lines.slice(lines.indexOf('Answered in the talk:'))).toEqual([
      'Answered in the talk:',
      expect.stringMatching(/▲1 {2}And Flux\? {2}\(.*, on the projector\)/),
      '',
    ])
  })

  it('says which line it skipped, and keeps the rest', async () => {
    const cut = join(dir, 'cut.jsonl')
    await writeFile(cut, '{"kind":"asked","id":1,"text":"kept","at":"2026-12-05T10:00:00.000Z","by":"0123456789abcdef"}\n{"kind":"asked","id":2,"te')
    const output = await questions('--file', cut)
    expect(output).toContain('kept')
    expect(output).toContain('(line 2 skipped: cut short (the last line, not ended))')
  })

  it('--clear files the questions away for the next talk', async () => {
    const output = await questions('--file', file, '--clear')
    expect(output).toContain('the next talk starts with no questions')
    expect(existsSync(file)).toBe(false)
    expect((await readdir(dir)).filter(name => /^questions-.*\.jsonl$/.test(name))).toHaveLength(1)
    expect(await questions('--file', file)).toMatch(/^No questions yet/)
  })
})
