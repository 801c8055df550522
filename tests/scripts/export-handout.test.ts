import type { Browser } from 'playwright-core'
import type { DeckSlide } from '../../scripts/lib/deck'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../scripts/lib/browser'
import { printHandoutWithNotes, slideNotes } from '../../scripts/lib/export-handout'
import { freePort } from '../../scripts/lib/net'
import { openPrintView } from '../../scripts/lib/print-view'
import { pageText, pageXml, pdfInfo } from '../helpers/pdf'

const OUT = 'test-results/export-handout'
const SIZE = { width: 980, height: 552 }

function slide(no: number): DeckSlide {
  return {
    no,
    frontmatter: {},
    titles: { en: `Slide number ${no}` },
    notes: { en: `Notes of slide ${no}.` },
    content: '',
  }
}

/** A print view of slides as Slidev draws them: fixed-size containers, each breaking the page after it, a layout in each. */
function printView(count: number): string {
  const html = `<!doctype html><html><body><div id="page-root"><div id="print-container" style="background:black"><div id="print-content">
    ${Array.from({ length: count }, (_, index) => `<div class="print-slide-container" style="width:980px;height:552px;position:relative;overflow:hidden;break-after:page;background:white">
      <div class="slidev-layout"><h1 style="font-size:40px;margin:40px">Slide number ${index + 1}</h1><p style="font-size:16px;margin:40px">Sixteen canvas px of body text</p></div></div>`).join('')}
  </div></div></div></body></html>`
  return `data:text/html,${encodeURIComponent(html)}`
}

const note = (no: number, html: string) => ({ no, html: `<p>${html}</p>` })

describe('the handout with notes (scripts/lib/export-handout.ts)', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('prints the print view itself on A4: each slide as text, its title and notes below it, links kept', async () => {
    const slides = [1, 2, 3].map(slide)
    const view = await openPrintView(browser, printView(3), 3, SIZE)
    const pdf = await printHandoutWithNotes(view, {
      lang: 'en',
      slides,
      canvasWidth: SIZE.width,
      notes: slides.map(s => note(s.no, `Notes of slide ${s.no}. <strong>Sources:</strong> <a href="https://example.org/${s.no}">a source</a>`)),
    })
    await view.page.close()
    mkdirSync(OUT, { recursive: true })
    writeFileSync(`${OUT}/handout.pdf`, pdf)
    const info = pdfInfo(`${OUT}/handout.pdf`)
    expect(info).toMatch(/Pages:\s+3\n/)
    expect(info).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/)
    const second = pageText(`${OUT}/handout.pdf`, 2)
    expect(second).toMatch(/Slide number 2\s+Sixteen canvas px of body text\s+2\/3 Slide number 2\s+Notes of slide 2\./)
    const xml = pageXml(`${OUT}/handout.pdf`, 2)
    expect(xml).toContain('<a href="https://example.org/2">')
    // 16 canvas px, zoomed to the page's 182 mm: 16 × 687.9 / 980 CSS px = 8.4 pt, which poppler floors to 25/3.
    const sizes = [
      ...xml.matchAll(/<fontspec id="\d+" size="(\d+)"/g),
    ].map(match => Number(match[1]))
    expect(Math.min(...sizes)).toBe(25)
  })

  it('refuses a slide whose notes do not fit on its page, naming it', async () => {
    const slides = [1, 2].map(slide)
    const view = await openPrintView(browser, printView(2), 2, SIZE)
    await expect(printHandoutWithNotes(view, {
      lang: 'en',
      slides,
      canvasWidth: SIZE.width,
      notes: [
        note(1, 'Short.'),
        note(2, 'A long note. '.repeat(900)),
      ],
    })).rejects.toThrow(/slide 2 \(\d+ mm\) and its notes do not fit on one A4 page \(273 mm\)/)
    await view.page.close()
  })

  it('reads the notes once Slidev\'s notes page shows all of them, not when the network is idle', async () => {
    // Like Slidev's /presenter/print on a busy machine: the notes appear well after the page went idle.
    const page = `<!doctype html><html><body><div id="page-root"></div><script>
      setTimeout(() => {
        document.querySelector('#page-root').innerHTML = [1, 2].map(no => '<div><h2>' + no + '/2 Slide</h2>'
          + '<div class="slidev-note"><div lang="nl"><p>Noot ' + no + '</p></div><div lang="en"><p>Note ' + no + '</p></div></div></div>').join('')
      }, 1500)
    </script></body></html>`
    const server = createServer((_, response) => response.end(page))
    const port = await freePort()
    await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
    try {
      // The premise: when the network is idle, this page shows no notes yet (what the export printed before).
      const plain = await browser.newPage()
      await plain.goto(`http://127.0.0.1:${port}/presenter/print?lang=en`, { waitUntil: 'networkidle' })
      expect(await plain.locator('#page-root h2').count()).toBe(0)
      await plain.close()
      const notes = await slideNotes(browser, `http://127.0.0.1:${port}`, 'en', [1, 2].map(slide))
      expect(notes).toEqual([
        { no: 1, html: '<p>Note 1</p>' },
        { no: 2, html: '<p>Note 2</p>' },
      ])
    }
    finally {
      server.close()
    }
  })
})
