// The reader's handout, per language: every slide as the room saw it (printed by Slidev, the demo slides as frames of
// the shipped recording) with the presenter's notes below it, one slide per A4 page. It replaces a separate notes
// PDF: notes without their slide were hard to follow. Slidev's server in export mode, the machine's Chromium.
import type { Lang } from '../composables/lang-env'
import process from 'node:process'
import { createServer, resolveOptions } from '@slidev/cli'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from './chromium'
import { loadDeck } from './deck'
import { freePort } from './net'

interface SlideNote { no: number, html: string }

function escape(text: string) {
  return text.replace(/[&<>"]/g, char => ({
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
  })[char]!)
}

export async function exportHandoutWithNotes(lang: Lang, output: string): Promise<void> {
  const slides = await loadDeck()
  const port = await freePort()
  process.env.DECK_LANG = lang // read by vite.config.ts when the server below loads it
  const server = await createServer(await resolveOptions({ entry: 'slides.md' }, 'export'), {
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
    const print = await browser.newPage({
      viewport: { width: 980, height: 552 },
      deviceScaleFactor: 1.5,
    })
    await print.goto(`http://localhost:${port}/print?print=true&lang=${lang}`, { waitUntil: 'networkidle', timeout: 90_000 })
    // As `slidev export` waits: slides loaded, mermaid drawn (its scratch container empties), fonts in.
    await print.locator('.slidev-slide-loading').first().waitFor({ state: 'detached', timeout: 60_000 }).catch(() => {})
    await print.waitForFunction(() => !document.querySelector('#mermaid-rendering-container > div'), undefined, { timeout: 60_000 })
    await print.evaluate(() => document.fonts.ready)
    await print.emulateMedia({ media: 'screen' })
    const containers = print.locator('.print-slide-container')
    const count = await containers.count()
    if (count !== slides.length)
      throw new Error(`the print view shows ${count} slides, slides.md has ${slides.length}`)
    const images: string[] = []
    for (let index = 0; index < count; index++)
      images.push((await containers.nth(index).screenshot({ type: 'jpeg', quality: 82 })).toString('base64'))
    await print.close()
    // The notes as Slidev renders them (markdown to HTML) on its notes page, this language's part only.
    const notesPage = await browser.newPage()
    await notesPage.goto(`http://localhost:${port}/presenter/print?lang=${lang}`, { waitUntil: 'networkidle', timeout: 90_000 })
    const notes = await notesPage.evaluate(chosen => [
      ...document.querySelectorAll('#page-root h2'),
    ].map((heading) => {
      const no = Number(heading.textContent?.trim().split('/')[0])
      const note = heading.parentElement?.querySelector(`.slidev-note [lang="${chosen}"]`)
      return { no, html: note?.innerHTML ?? '' }
    }), lang) as SlideNote[]
    await notesPage.close()

    const sheets = slides.map((slide, index) => `
      <section class="sheet">
        <img src="data:image/jpeg;base64,${images[index]}" alt="">
        <h2><span>${slide.no}/${slides.length}</span> ${escape(slide.titles[lang] ?? '')}</h2>
        <div class="notes">${notes.find(note => note.no === slide.no)?.html ?? ''}</div>
      </section>`).join('')
    const page = await browser.newPage()
    await page.setContent(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>
      @page { size: A4 portrait; margin: 12mm 14mm; }
      body { margin: 0; font: 11pt/1.45 Inter, system-ui, sans-serif; color: #0f172a; }
      .sheet { break-after: page; display: flex; flex-direction: column; gap: 4mm; }
      .sheet:last-child { break-after: auto; }
      img { width: 100%; border: 0.4mm solid #475569; border-radius: 2mm; }
      h2 { font-size: 14pt; margin: 2mm 0 0; }
      h2 span { color: #334155; font-weight: 600; margin-right: 2mm; }
      .notes p { margin: 0 0 2.5mm; }
      code { font-family: 'JetBrains Mono', monospace; font-size: 9.5pt; background: #f1f5f9; padding: 0 1mm; border-radius: 1mm; }
    </style></head><body>${sheets}</body></html>`, { waitUntil: 'load' })
    await page.pdf({ path: output, printBackground: true, preferCSSPageSize: true })
  }
  finally {
    await browser.close()
    await server.close()
  }
}
