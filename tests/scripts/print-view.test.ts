import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../scripts/lib/browser'
import { openPrintView } from '../../scripts/lib/print-view'

const SIZE = { width: 320, height: 180 }

/** A print view of three slides that draw `drawAfterMs` after load, as Slidev's async slides do; `never` stay empty. */
function printView(drawAfterMs: number, never: number[] = []): string {
  const html = `<!doctype html><html><body>
    ${'<div class="print-slide-container" style="height:180px"></div>'.repeat(3)}
    <div id="mermaid-rendering-container"><div>scratch</div></div>
    <script>
      setTimeout(() => {
        document.querySelectorAll('.print-slide-container').forEach((slide, index) => {
          if (!${JSON.stringify(never)}.includes(index + 1))
            slide.textContent = 'Slide ' + (index + 1)
        })
        document.querySelector('#mermaid-rendering-container').replaceChildren()
      }, ${drawAfterMs})
    </script></body></html>`
  return `data:text/html,${encodeURIComponent(html)}`
}

const texts = (browser: { page: import('playwright-core').Page }) => browser.page.locator('.print-slide-container').allInnerTexts()

describe('openPrintView (scripts/lib/print-view.ts)', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('waits until every slide shows text, not just for an idle network, and hides the scratch container', async () => {
    // The premise: when the network is idle, the slides of this view are still empty (what `slidev export` printed).
    const plain = await browser.newPage()
    await plain.goto(printView(1500), { waitUntil: 'networkidle' })
    expect(await plain.locator('.print-slide-container').allInnerTexts()).toEqual(['', '', ''])
    await plain.close()

    const view = await openPrintView(browser, printView(1500), 3, SIZE)
    expect(await texts(view)).toEqual(['Slide 1', 'Slide 2', 'Slide 3'])
    expect(await view.page.locator('#mermaid-rendering-container').isVisible()).toBe(false)
    expect(view.page.viewportSize()).toEqual({ width: 320, height: 540 })
    await expect(view.assertStillDrawn()).resolves.toBeUndefined()
    await view.page.close()
  })

  it('names the slide that never draws, after loading the view a second time', async () => {
    const started = Date.now()
    await expect(openPrintView(browser, printView(100, [2]), 3, SIZE, 1000))
      .rejects
      .toThrow('did not draw within 1 s twice (slides 2 empty): nothing was written')
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000)
  })

  it('refuses the print when the wrong number of slides is there', async () => {
    await expect(openPrintView(browser, printView(100), 4, SIZE, 800)).rejects.toThrow('the print view shows 3 slides, slides.md has 4')
  })

  it('notices a slide that went blank or a reload after the view was found drawn', async () => {
    const view = await openPrintView(browser, printView(100), 3, SIZE)
    await view.page.locator('.print-slide-container').nth(2).evaluate((slide) => {
      slide.textContent = ''
    })
    await expect(view.assertStillDrawn()).rejects.toThrow('slides 3 empty')
    await view.page.reload({ waitUntil: 'load' })
    await view.page.waitForFunction(() => document.querySelectorAll('.print-slide-container')[2]?.textContent)
    await expect(view.assertStillDrawn()).rejects.toThrow('it reloaded')
    await view.page.close()
  })
})
