// The reader's handout, per language: every slide as the room saw it (the demo slides as frames of the shipped
// recording) with the presenter's notes below it, one slide per A4 page. It replaces a separate notes PDF: notes
// without their slide were hard to follow.
import type { Browser } from 'playwright-core'
import type { Lang } from '../../common/lang'
import type { DeckSlide } from './deck'

interface SlideNote { no: number, html: string }

function escape(text: string) {
  return text.replace(/[&<>"]/g, char => ({
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
  })[char]!)
}

/** The notes as Slidev renders them (markdown to HTML) on its notes print page, this language's part only. */
async function slideNotes(browser: Browser, deckUrl: string, lang: Lang): Promise<SlideNote[]> {
  const notesPage = await browser.newPage()
  try {
    await notesPage.goto(`${deckUrl}/presenter/print?lang=${lang}`, { waitUntil: 'networkidle', timeout: 90_000 })
    return await notesPage.evaluate(chosen => [
      ...document.querySelectorAll('#page-root h2'),
    ].map((heading) => {
      const no = Number(heading.textContent?.trim().split('/')[0])
      const note = heading.parentElement?.querySelector(`.slidev-note [lang="${chosen}"]`)
      return { no, html: note?.innerHTML ?? '' }
    }), lang) as SlideNote[]
  }
  finally {
    await notesPage.close()
  }
}

/** Each slide's picture (JPEG, base64, in slide order) above its notes, printed to `output`. */
export async function writeHandoutWithNotes(browser: Browser, options: { deckUrl: string, lang: Lang, title: string, slides: DeckSlide[], images: string[], output: string }): Promise<void> {
  const { deckUrl, lang, title, slides, images, output } = options
  const notes = await slideNotes(browser, deckUrl, lang)
  const sheets = slides.map((slide, index) => `
      <section class="sheet">
        <img src="data:image/jpeg;base64,${images[index]}" alt="">
        <h2><span>${slide.no}/${slides.length}</span> ${escape(slide.titles[lang] ?? '')}</h2>
        <div class="notes">${notes.find(note => note.no === slide.no)?.html ?? ''}</div>
      </section>`).join('')
  const page = await browser.newPage()
  try {
    await page.setContent(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)}</title><style>
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
    await page.close()
  }
}
