// The reader's handout, per language: every slide as the room saw it with the presenter's notes below it, one slide
// per A4 page. It is printed from Slidev's print view itself, each slide zoomed to the page's width, so the slides stay
// vector: their text can be selected and searched, and the notes' sources are links. The demo slides show their
// recorded moments as rows one can read on paper (components/DemoFrames.vue, under `html.handout`). It replaces a
// separate notes PDF: notes without their slide were hard to follow.
import type { Buffer } from 'node:buffer'
import type { Browser } from 'playwright-core'
import type { Lang } from '../../common/lang'
import type { DeckSlide } from './deck'
import type { PrintView } from './print-view'

/** A4 and the handout's margins, in mm. */
export const HANDOUT_PAGE = {
  width: 210,
  height: 297,
  marginX: 14,
  marginY: 12,
} as const
const PX_PER_MM = 96 / 25.4
/** The printable area in CSS px: what a sheet (slide, title, notes) must fit in. */
const CONTENT = {
  width: (HANDOUT_PAGE.width - 2 * HANDOUT_PAGE.marginX) * PX_PER_MM,
  height: (HANDOUT_PAGE.height - 2 * HANDOUT_PAGE.marginY) * PX_PER_MM,
}
const NOTES_TIMEOUT_MS = 60_000

interface SlideNote { no: number, html: string }

function escape(text: string) {
  return text.replace(/[&<>"]/g, char => ({
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
  })[char]!)
}

/**
 * The notes as Slidev renders them (markdown to HTML) on its notes print page, this language's part only. That page
 * draws after the network went idle: on a busy machine it was still empty then (2026-12), so wait for every note.
 */
export async function slideNotes(browser: Browser, deckUrl: string, lang: Lang, slides: DeckSlide[]): Promise<SlideNote[]> {
  const withNotes = slides.filter(slide => Object.keys(slide.notes).length).length
  const notesPage = await browser.newPage()
  try {
    await notesPage.goto(`${deckUrl}/presenter/print?lang=${lang}`, { waitUntil: 'networkidle', timeout: 90_000 })
    await notesPage.waitForFunction(count => document.querySelectorAll('#page-root h2').length >= count, withNotes, { timeout: NOTES_TIMEOUT_MS })
      .catch(() => {
        throw new Error(`Slidev's notes page did not show the notes of all ${withNotes} slides within ${NOTES_TIMEOUT_MS / 1000} s: nothing was written.`)
      })
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

function handoutStyle(zoom: number): string {
  const { marginX, marginY } = HANDOUT_PAGE
  return `
    @page { size: A4 portrait; margin: ${marginY}mm ${marginX}mm; }
    html.handout, html.handout body, html.handout #page-root, html.handout #print-container { background: white !important; }
    html.handout #page-root { display: block; }
    html.handout #print-content { width: ${CONTENT.width}px; }
    html.handout .print-slide-container { zoom: ${zoom}; break-after: auto !important; break-inside: avoid; border-radius: 12px; }
    /* A demo slide's recorded moments take the height they need: on paper they are rows to read, not a stage. */
    html.handout .print-slide-container:has(.handout-demo) { height: auto !important; }
    html.handout .print-slide-container:has(.handout-demo) > .slidev-page { position: relative; height: auto; }
    /* A frame drawn inside the slide: an outline would reach across the page break above it. */
    html.handout .print-slide-container::after { content: ''; position: absolute; inset: 0; z-index: 100; border: 2px solid #475569; border-radius: 12px; pointer-events: none; }
    .handout-notes { break-after: page; padding-top: 4mm; font: 11pt/1.45 Inter, system-ui, sans-serif; color: #0f172a; }
    .handout-notes:last-child { break-after: auto; }
    .handout-notes h2 { font-size: 14pt; font-weight: 800; margin: 0 0 3mm; line-height: 1.25; }
    .handout-notes h2 span { color: #334155; margin-right: 2mm; }
    .handout-notes p { margin: 0 0 2.5mm; }
    .handout-notes strong { font-weight: 800; }
    .handout-notes em { font-style: italic; }
    .handout-notes ul, .handout-notes ol { margin: 0 0 2.5mm; padding-left: 6mm; }
    .handout-notes ul { list-style: disc; }
    .handout-notes ol { list-style: decimal; }
    .handout-notes code { font-family: 'JetBrains Mono', monospace; font-size: 9.5pt; background: #f1f5f9; padding: 0 1mm; border-radius: 1mm; }
    .handout-notes a { color: #1e40af; text-decoration: underline; }
  `
}

/** What the handout's builder found on the page before printing: sheets too tall for one A4 page. */
interface Layout { overflowing: { no: number, heightMm: number }[] }

/**
 * Turns the print view (already printed as the slides PDF) into the handout: the A4 page, each slide zoomed to the
 * page's width with its number, title and notes below it; then prints it. Fails when a slide and its notes do not fit
 * on one page.
 */
export async function printHandoutWithNotes(view: PrintView, options: { lang: Lang, slides: DeckSlide[], notes: SlideNote[], canvasWidth: number }): Promise<Buffer> {
  const { lang, slides, notes, canvasWidth } = options
  const sheets = slides.map(slide => `<h2><span>${slide.no}/${slides.length}</span> ${escape(slide.titles[lang] ?? '')}</h2>${
    notes.find(note => note.no === slide.no)?.html ?? ''}`)
  const layout: Layout = await view.page.evaluate(({ sheets, css, lang, pageHeight }) => {
    const style = document.createElement('style')
    style.textContent = css
    document.head.append(style) // after Slidev's own @page (the slide's size): the later rule wins
    document.documentElement.classList.add('handout')
    const containers = [
      ...document.querySelectorAll<HTMLElement>('.print-slide-container'),
    ]
    const overflowing: Layout['overflowing'] = []
    containers.forEach((container, index) => {
      const notes = document.createElement('div')
      notes.className = 'handout-notes'
      notes.lang = lang
      notes.innerHTML = sheets[index] ?? ''
      container.after(notes)
    })
    containers.forEach((container, index) => {
      const height = container.nextElementSibling!.getBoundingClientRect().bottom - container.getBoundingClientRect().top
      if (height > pageHeight) {
        overflowing.push({
          no: index + 1,
          heightMm: Math.round(height / (96 / 25.4)),
        })
      }
    })
    return { overflowing }
  }, {
    sheets,
    css: handoutStyle(CONTENT.width / canvasWidth),
    lang,
    pageHeight: CONTENT.height,
  })
  if (layout.overflowing.length) {
    const limit = HANDOUT_PAGE.height - 2 * HANDOUT_PAGE.marginY
    throw new Error(`In the handout with notes, ${layout.overflowing.map(sheet => `slide ${sheet.no} (${sheet.heightMm} mm)`).join(', ')} and its notes do not fit on one A4 page (${limit} mm): shorten the notes. Nothing was written.`)
  }
  return view.printWhileDrawn(() => view.page.pdf({ printBackground: true, preferCSSPageSize: true }))
}
