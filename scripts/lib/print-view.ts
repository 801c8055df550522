import type { Browser, Page } from 'playwright-core'
// Slidev's print view (/print), opened in the machine's Chromium and waited for until every slide has drawn.
// `slidev export` prints once the network is idle and it counts no loading placeholder, but Slidev shows that
// placeholder only 300 ms after a slide starts loading (defineAsyncComponent's delay). On a busy 2-core CI machine it
// wrote a Dutch handout whose cover and demo pages had no text at all (2026-11-26). Here every slide must show its
// own text before anything is printed or photographed, and must still show it afterwards.
import { errorMessage } from '../../common/text'

const READY_TIMEOUT_MS = 60_000

export interface PrintView {
  page: Page
  /** Fails when the page reloaded (Vite does on new dependencies) or a slide went blank since it was found drawn. */
  assertStillDrawn: () => Promise<void>
}

// innerText, not textContent: only text that is rendered counts, as only that reaches the PDF.
/* eslint-disable unicorn/prefer-dom-node-text-content */

/** What is wrong with the print view, if anything: a slide count unlike slides.md's, or slides without text. */
async function printProblem(page: Page, expected: number): Promise<string | undefined> {
  const texts = await page.locator('.print-slide-container').evaluateAll(containers => containers.map(container => (container as HTMLElement).innerText.trim()))
  if (texts.length !== expected)
    return `the print view shows ${texts.length} slides, slides.md has ${expected}`
  const empty = texts.flatMap((text, index) => text
    ? []
    : [index + 1])
  return empty.length
    ? `slides ${empty.join(', ')} empty`
    : undefined
}

/** Waits until Slidev is done (no slide loading, mermaid drawn) and `printProblem` has nothing to say. */
async function waitUntilDrawn(page: Page, expected: number, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    const busy = await page.evaluate(() => Boolean(
      // mermaid draws in a scratch container and moves the result into the slide.
      document.querySelector('.slidev-slide-loading, #mermaid-rendering-container > div'),
    )).catch(() => true) // a page that is navigating has no document to ask yet
    const problem = busy
      ? 'slides still loading'
      : await printProblem(page, expected).catch(() => 'the page is loading')
    if (!problem)
      break
    if (Date.now() >= deadline)
      throw new Error(problem)
    await page.waitForTimeout(250)
  }
  await page.evaluate(async () => {
    await document.fonts.ready
    // As `slidev export` does: these scratch containers sit below the last slide and would print as an empty page.
    for (const scratch of document.querySelectorAll<HTMLElement>('#mermaid-rendering-container, .monaco-aria-container'))
      scratch.style.display = 'none'
  })
}

/** Opens `url` (the print view) and waits until all `expected` slides show text; one reload when they do not. */
export async function openPrintView(browser: Browser, url: string, expected: number, viewport: { width: number, height: number }, readyTimeoutMs = READY_TIMEOUT_MS): Promise<PrintView> {
  const page = await browser.newPage({
    // As tall as all slides together, as `slidev export` does: nothing is off screen while printing.
    viewport: { width: viewport.width, height: viewport.height * expected },
    deviceScaleFactor: 1.5,
  })
  let navigations = 0
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame())
      navigations++
  })
  for (let attempt = 1; ; attempt++) {
    await page.goto(url, { waitUntil: 'networkidle', timeout: 90_000 })
    try {
      await waitUntilDrawn(page, expected, readyTimeoutMs)
      break
    }
    catch (error) {
      const problem = errorMessage(error)
      if (attempt === 2)
        throw new Error(`The print view did not draw within ${readyTimeoutMs / 1000} s twice (${problem}): nothing was written.`)
      console.warn(`The print view was not drawn within ${readyTimeoutMs / 1000} s (${problem}); loading it once more.`)
    }
  }
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' })
  const ready = navigations
  return {
    page,
    assertStillDrawn: async () => {
      const problem = navigations === ready
        ? await printProblem(page, expected)
        : 'it reloaded'
      if (problem)
        throw new Error(`The print view changed while it was printed (${problem}): nothing was written. Run the export again.`)
    },
  }
}
