// `npm run export [-- --lang nl|en] [--out-dir dist]`: per language, the slides PDF and the handout with notes (each
// slide with its notes below it), printed by the machine's Chromium (never a downloaded one).
import type { Lang } from '../composables/lang-env'
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { LANGS } from '../composables/lang-env'
import { findChromium } from './chromium'
import { exportHandoutWithNotes } from './export-handout'
import { HANDOUT_NAMES } from './handout-names'

const { values } = parseArgs({
  options: {
    'lang': { type: 'string' },
    'out-dir': { type: 'string', default: 'dist' },
  },
})
if (values.lang && !LANGS.includes(values.lang as Lang)) {
  console.error(`Unknown --lang ${values.lang}: use one of ${LANGS.join(', ')}.`)
  process.exit(2)
}
const langs = values.lang
  ? [values.lang as Lang]
  : [...LANGS]
const slidev = new URL('../node_modules/.bin/slidev', import.meta.url).pathname
const executable = findChromium()

function timed(output: string, started: number) {
  console.log(`Wrote ${output} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

function slidevExport(lang: Lang, output: string) {
  const started = performance.now()
  const args = [
    'export',
    'slides.md',
    '--executable-path',
    executable,
    '--output',
    output,
    '--timeout',
    '60000',
    // One slide at a time: printed in one piece, Chromium dropped the deck's last nine pages (31 slides, 23 pages).

  ]
  const result = spawnSync(slidev, args, {
    stdio: 'inherit',
    env: { ...process.env, DECK_LANG: lang, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  })
  if (result.status !== 0) {
    console.error(`Export of ${output} failed (exit ${result.status}).`)
    process.exit(result.status ?? 1)
  }
  timed(output, started)
}

for (const lang of langs) {
  slidevExport(lang, `${values['out-dir']}/${HANDOUT_NAMES[lang]}.pdf`)
  const started = performance.now()
  const withNotes = `${values['out-dir']}/${HANDOUT_NAMES[lang]}.with-notes.pdf`
  await exportHandoutWithNotes(lang, withNotes)
  timed(withNotes, started)
}
