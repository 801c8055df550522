import type { Browser } from 'playwright-core'
import type { Lang } from '../../common/lang'
import { slide, watchProblems } from '../../scripts/lib/browser'

/** The presenter view (which gets the demo token) and an audience window (read-only) on the same slide. */
export async function openPresenterAndViewer(browser: Browser, deckUrl: string, no: number, lang: Lang) {
  const presenter = await browser.newPage({
    viewport: { width: 1400, height: 800 },
  })
  const viewer = await browser.newPage({
    viewport: { width: 1280, height: 720 },
  })
  const problems = [
    watchProblems(presenter),
    watchProblems(viewer),
  ]
  // Ready when the slide shows, not at `networkidle`: Slidev keeps preloading slides, and beside other work the
  // network was not idle for half a second within 30 s (CI once).
  await presenter.goto(`${deckUrl}/presenter/${no}?lang=${lang}`)
  await slide(presenter, no).locator('h1').first().waitFor({ timeout: 60_000 })
  await viewer.goto(`${deckUrl}/${no}`)
  await slide(viewer, no).locator('h1').first().waitFor({ timeout: 60_000 })
  return { presenter, viewer, problems }
}
