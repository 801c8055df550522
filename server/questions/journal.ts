// The questions as they arrive, one JSON object per line in .demo/questions.jsonl: each line written in one write, so a
// crash loses at most the line being written. Reading skips a line it cannot use (a cut last line, a line glued to
// one) and says which; a restarted server replays the rest.
import type { Logger } from '../support/logger'
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { repoRoot } from '../support/paths'

/** Where `npm run dev` and `npm run demo` keep the questions (gitignored). */
export const QUESTIONS_FILE = join(repoRoot, '.demo', 'questions.jsonl')

const id = z.int().positive()
const at = z.string()
/** A phone as the file knows it: a hash of its id, never the id itself. */
const voter = z.string().regex(/^[0-9a-f]{16}$/)

export const journalEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('asked'),
    id,
    text: z.string(),
    at,
    by: voter,
  }),
  z.object({
    kind: z.literal('voted'),
    id,
    at,
    by: voter,
  }),
  z.object({
    kind: z.literal('shown'),
    id: id.nullable(),
    at,
  }),
  z.object({
    kind: z.literal('done'),
    id,
    at,
  }),
])
export type JournalEvent = z.infer<typeof journalEventSchema>

export interface SkippedLine {
  line: number
  reason: string
}

export function parseJournal(text: string): { events: JournalEvent[], skipped: SkippedLine[] } {
  const events: JournalEvent[] = []
  const skipped: SkippedLine[] = []
  const lines = text.split('\n')
  lines.forEach((raw, index) => {
    if (raw.trim() === '')
      return
    const cut = index === lines.length - 1
    let value: unknown
    try {
      value = JSON.parse(raw)
    }
    catch {
      skipped.push({
        line: index + 1,
        reason: cut ? 'cut short (the last line, not ended)' : 'not JSON',
      })
      return
    }
    const parsed = journalEventSchema.safeParse(value)
    if (parsed.success)
      events.push(parsed.data)
    else
      skipped.push({ line: index + 1, reason: `not a question event (${parsed.error.issues[0]?.message ?? 'invalid'})` })
  })
  return { events, skipped }
}

export interface QuestionJournal {
  write: (event: JournalEvent) => void
  close: () => void
}

/** Reads what the file holds, then appends to it. A file cut mid-line first gets its line ended, so the next one starts clean. */
export function openJournal(path: string, logger: Logger): { journal: QuestionJournal, events: JournalEvent[] } {
  mkdirSync(dirname(path), { recursive: true })
  let text = ''
  try {
    text = readFileSync(path, 'utf8')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw error
  }
  const { events, skipped } = parseJournal(text)
  for (const { line, reason } of skipped)
    logger.warn(`${path}:${line} skipped: ${reason}`)
  let fd: number | undefined = openSync(path, 'a', 0o600)
  const append = (chunk: string) => {
    if (fd === undefined)
      return
    try {
      writeSync(fd, chunk)
    }
    catch (error) {
      logger.warn(`questions are no longer saved, ${path} cannot be written: ${(error as Error).message}`)
      closeSync(fd)
      fd = undefined
    }
  }
  if (text.length > 0 && !text.endsWith('\n'))
    append('\n')
  return {
    events,
    journal: {
      write: event => append(`${JSON.stringify(event)}\n`),
      close: () => {
        if (fd !== undefined)
          closeSync(fd)
        fd = undefined
      },
    },
  }
}
