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
  /**
   * Runs `print` and checks the view is still drawn after it. A slide that went back to loading meanwhile (seen once on
   * a busy CI machine: the PDF's cover said "Loading slide...") is waited for and `print` runs once more; a reload or a
   * second miss fails, and nothing is written (Vite reloads the page when it finds new dependencies).
   */
  printWhileDrawn: <T>(print: () => Promise<T>) => Promise<T>
}

// innerText, not textContent: only text that is rendered counts, as only that reaches the PDF.
/* eslint-disable unicorn/prefer-dom-node-text-content */

/**
 * What is wrong with the print view, if anything: a slide count unlike slides.md's, or slides not drawn. A slide is
 * drawn when its layout is there (every layout renders `.slidev-layout`), no loading placeholder is, and it has text.
 * Text alone is not enough: a container also holds the global layers, so it has text before its slide has loaded, and
 * a PDF was once printed with "Loading slide..." on the cover while every container had text (CI, 2026-12-05).
 */
async function printProblem(page: Page, expected: number): Promise<string | undefined> {
  const drawn = await page.locator('.print-slide-container').evaluateAll(containers => containers.map(container => Boolean(
    container.querySelector('.slidev-layout')
    && !container.querySelector('.slidev-slide-loading')
    && (container as HTMLElement).innerText.trim(),
  )))
  if (drawn.length !== expected)
    return `the print view shows ${drawn.length} slides, slides.md has ${expected}`
  const missing = drawn.flatMap((ok, index) => ok
    ? []
    : [index + 1])
  return missing.length
    ? `slides ${missing.join(', ')} not drawn`
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
  const changed = async () => navigations === ready
    ? await printProblem(page, expected)
    : 'it reloaded'
  const failure = (problem: string) => new Error(`The print view changed while it was printed (${problem}): nothing was written. Run the export again.`)
  return {
    page,
    printWhileDrawn: async (print) => {
      const first = await print()
      const problem = await changed()
      if (!problem)
        return first
      if (problem === 'it reloaded')
        throw failure(problem)
      console.warn(`The print view changed while it was printed (${problem}); printing it once more once it is drawn.`)
      await waitUntilDrawn(page, expected, readyTimeoutMs).catch((error: unknown) => {
        throw failure(errorMessage(error))
      })
      const second = await print()
      const again = await changed()
      if (again)
        throw failure(again)
      return second
    },
  }
}
