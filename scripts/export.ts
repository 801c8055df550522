// `npm run export [-- --lang nl|en]`: one handout PDF per language with the machine's Chromium.
import type { Lang } from '../composables/lang-env'
import { spawnSync } from 'node:child_process'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { LANGS } from '../composables/lang-env'
import { findChromium } from './chromium'

export const HANDOUT_NAMES: Record<Lang, string> = {
  nl: 'gitops-in-de-praktijk.nl',
  en: 'gitops-in-practice.en',
}

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    notes: { type: 'boolean', default: false },
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

for (const lang of langs) {
  const output = `dist/${HANDOUT_NAMES[lang]}.pdf`
  const result = spawnSync(slidev, [
    'export',
    'slides.md',
    '--executable-path',
    executable,
    '--output',
    output,
    '--timeout',
    '60000',
  ], {
    stdio: 'inherit',
    env: { ...process.env, DECK_LANG: lang, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  })
  if (result.status !== 0) {
    console.error(`Export of ${output} failed (exit ${result.status}).`)
    process.exit(result.status ?? 1)
  }
  console.log(`Wrote ${output}`)
}
