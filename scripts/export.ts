import type { Lang } from '../common/lang'
import { mkdir, writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { createServer, resolveOptions } from '@slidev/cli'
import { chromium } from 'playwright-core'
import { LANGS } from '../common/lang'
// `npm run export [-- --lang nl|en] [--out-dir dist]`: per language, the slides PDF and the handout with notes (each
// slide with its notes below it, on A4), both printed from one print view of a Slidev server in export mode with the
// machine's Chromium (never a downloaded one). The print view is printed only once every slide shows its text
// (scripts/lib/print-view.ts).
import { errorMessage } from '../common/text'
import { CHROMIUM_ARGS, findChromium } from './lib/chromium'
import { loadDeck } from './lib/deck'
import { printHandoutWithNotes, slideNotes } from './lib/export-handout'
import { HANDOUT_NAMES } from './lib/handout-names'
import { freePort } from './lib/net'
import { openPrintView } from './lib/print-view'

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
const outDir = values['out-dir']

function timed(output: string, started: number) {
  console.log(`Wrote ${output} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

async function exportLanguage(lang: Lang) {
  const started = performance.now()
  const slides = await loadDeck()
  const port = await freePort()
  process.env.DECK_LANG = lang // read by vite.config.ts when the server below loads it
  const options = await resolveOptions({ entry: 'slides.md' }, 'export')
  const { canvasWidth, aspectRatio } = options.data.config
  const size = {
    width: canvasWidth,
    height: Math.round(canvasWidth / aspectRatio),
  }
  const server = await createServer(options, {
    server: { port },
    clearScreen: false,
    logLevel: 'warn',
  })
  await server.listen(port)
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
  })
  try {
    const deckUrl = `http://localhost:${port}`
    const view = await openPrintView(browser, `${deckUrl}/print?print=true&lang=${lang}`, slides.length, size)
    // The PDF's title: this language's, not Slidev's bilingual headmatter title.
    const title = slides[0]?.titles[lang] ?? HANDOUT_NAMES[lang]
    await view.page.evaluate((text) => {
      document.title = text
    }, title)
    const pdf = await view.printWhileDrawn(() => view.page.pdf({
      ...size,
      margin: { top: 0, right: 0, bottom: 0, left: 0 },
      printBackground: true,
      preferCSSPageSize: true,
    }))
    const slidesPdf = `${outDir}/${HANDOUT_NAMES[lang]}.pdf`
    await writeFile(slidesPdf, pdf)
    timed(slidesPdf, started)
    const notes = await slideNotes(browser, deckUrl, lang, slides)
    const handout = await printHandoutWithNotes(view, {
      lang,
      slides,
      notes,
      canvasWidth,
    })
    const withNotes = `${outDir}/${HANDOUT_NAMES[lang]}.with-notes.pdf`
    await writeFile(withNotes, handout)
    timed(withNotes, started)
  }
  finally {
    await browser.close()
    await server.close()
  }
}

await mkdir(outDir, { recursive: true })
try {
  for (const lang of langs)
    await exportLanguage(lang)
}
catch (error) {
  console.error(`Export failed: ${errorMessage(error)}`)
  process.exit(1)
}
