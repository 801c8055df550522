import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../scripts/lib/browser'
import { openPrintView } from '../../scripts/lib/print-view'

const SIZE = { width: 320, height: 180 }

/**
 * A print view of three slides that draw `drawAfterMs` after load, as Slidev's async slides do; `never` stay empty, or
 * with `layer` hold only a global layer's text (a slide whose component has not loaded: Slidev shows its placeholder
 * 200 ms later).
 */
function printView(drawAfterMs: number, never: number[] = [], layer = ''): string {
  const container = `<div class="print-slide-container" style="height:180px">${layer}</div>`
  const html = `<!doctype html><html><body>
    ${container.repeat(3)}
    <div id="mermaid-rendering-container"><div>scratch</div></div>
    <script>
      setTimeout(() => {
        document.querySelectorAll('.print-slide-container').forEach((slide, index) => {
          if (!${JSON.stringify(never)}.includes(index + 1))
            slide.innerHTML = '<div class="slidev-layout">Slide ' + (index + 1) + '</div>'
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
    await expect(view.printWhileDrawn(async () => 'printed')).resolves.toBe('printed')
    await view.page.close()
  })

  it('names the slide that never draws, after loading the view a second time', async () => {
    const started = Date.now()
    await expect(openPrintView(browser, printView(100, [2]), 3, SIZE, 1000))
      .rejects
      .toThrow('did not draw within 1 s twice (slides 2 not drawn): nothing was written')
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000)
  })

  it('does not count a slide as drawn while only a global layer\'s text is there, not its layout', async () => {
    await expect(openPrintView(browser, printView(100, [2], '<div>SIMULATED · ops-demo</div>'), 3, SIZE, 800))
      .rejects
      .toThrow('(slides 2 not drawn)')
  })

  it('refuses the print when the wrong number of slides is there', async () => {
    await expect(openPrintView(browser, printView(100), 4, SIZE, 800)).rejects.toThrow('the print view shows 3 slides, slides.md has 4')
  })

  it('prints once more when a slide went back to loading while it printed, once it is drawn again', async () => {
    const view = await openPrintView(browser, printView(100), 3, SIZE)
    let prints = 0
    const printed = await view.printWhileDrawn(async () => {
      prints++
      if (prints === 1) {
        await view.page.locator('.print-slide-container').nth(2).evaluate((slide) => {
          slide.innerHTML = '<div class="slidev-slide-loading">Loading slide...</div>'
          setTimeout(() => slide.innerHTML = '<div class="slidev-layout">Slide 3</div>', 300)
        })
      }
      return prints
    })
    expect(printed).toBe(2)
    expect(await texts(view)).toEqual(['Slide 1', 'Slide 2', 'Slide 3'])
    await view.page.close()
  })

  it('fails, writing nothing, when a slide stays blank or the view reloaded while it printed', async () => {
    const blank = await openPrintView(browser, printView(100), 3, SIZE, 800)
    await expect(blank.printWhileDrawn(() => blank.page.locator('.print-slide-container').nth(2).evaluate((slide) => {
      slide.textContent = ''
    }))).rejects.toThrow('The print view changed while it was printed (slides 3 not drawn): nothing was written')
    await blank.page.close()

    const reloaded = await openPrintView(browser, printView(100), 3, SIZE)
    await expect(reloaded.printWhileDrawn(async () => {
      await reloaded.page.reload({ waitUntil: 'load' })
      await reloaded.page.waitForFunction(() => document.querySelectorAll('.print-slide-container')[2]?.textContent)
    })).rejects.toThrow('The print view changed while it was printed (it reloaded): nothing was written')
    await reloaded.page.close()
  })
})
