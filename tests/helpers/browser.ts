import type { Browser } from 'playwright-core'
import type { Lang } from '../../common/lang'
import { watchProblems } from '../../scripts/lib/browser'

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
  await presenter.goto(`${deckUrl}/presenter/${no}?lang=${lang}`, { waitUntil: 'networkidle' })
  await viewer.goto(`${deckUrl}/${no}`, { waitUntil: 'networkidle' })
  return { presenter, viewer, problems }
}
