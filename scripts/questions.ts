// `npm run questions [-- --file FILE] [-- --clear]`: after the talk, every question the phones asked, for the
// follow-up. --clear files them away (.demo/questions-<date>.jsonl) so the next talk starts with none.
import { existsSync } from 'node:fs'
import { readFile, rename } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { parseJournal, QUESTIONS_FILE } from '../server/questions/journal'
import { repoRoot } from '../server/support/paths'
import { questionsOf, questionsReport } from './lib/questions-report'

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: QUESTIONS_FILE },
    clear: { type: 'boolean', default: false },
  },
})
const shown = relative(process.cwd(), values.file) || values.file

if (!existsSync(values.file)) {
  console.log(`No questions yet: ${shown} does not exist (npm run dev keeps them there as the phones ask).`)
  process.exit(0)
}
const { events, skipped } = parseJournal(await readFile(values.file, 'utf8'))
console.log(questionsReport(shown, questionsOf(events), skipped))
if (values.clear) {
  const archived = join(dirname(values.file), `questions-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`)
  await rename(values.file, archived)
  console.log(`\nFiled away as ${relative(repoRoot, archived)}: the next talk starts with no questions.`)
}
