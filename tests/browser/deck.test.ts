import type { Lang } from '../../common/lang'
import { mkdir } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { LANGS } from '../../common/lang'
import { slide, watchProblems } from '../../scripts/lib/browser'
import { loadDeck } from '../../scripts/lib/deck'
import { openPresenterAndViewer } from '../helpers/browser'
import { useDeckSession } from '../helpers/deckSession'

const SHOTS = new URL('../../test-results/slides/', import.meta.url).pathname
const OTHER: Record<Lang, Lang> = { nl: 'en', en: 'nl' }

describe('the deck in Chromium (npm run dev)', async () => {
  const slides = await loadDeck()
  const session = useDeckSession()
  beforeAll(() => mkdir(SHOTS, { recursive: true }))

  for (const lang of LANGS) {
    it(`shows every slide in ${lang}: right title, no errors, nothing fetched from outside`, async () => {
      const page = await session.browser.newPage({
        viewport: { width: 1280, height: 720 },
      })
      const problems = watchProblems(page)
      // One load, then the deck's own navigation, as in a talk (a reload per slide cost a minute per language).
      await page.goto(`${session.server.deckUrl}/1?lang=${lang}`)
      await slide(page, 1).locator('h1').first().waitFor({ timeout: 60_000 })
      for (const { no, titles } of slides) {
        await page.evaluate(n => (window as any).__slidev__.nav.go(n, 0), no)
        await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe(`/${no}`)
        const current = slide(page, no)
        await expect.poll(() => current.locator('h1').first().textContent(), { timeout: 20_000, message: `slide ${no} (${lang}) title` }).toBe(titles[lang])
        // The slide may still be fading in (transition: fade) when its text is already there.
        await expect.poll(() => current.locator('h1').first().isVisible(), { timeout: 10_000 }).toBe(true)
        expect(await current.locator(`.lang-block[lang="${OTHER[lang]}"]`).count()).toBe(0)
        await page.screenshot({ path: `${SHOTS}${lang}-${String(no).padStart(2, '0')}.png` })
      }
      expect(problems).toEqual({ consoleErrors: [], pageErrors: [], externalRequests: [] })
      await page.close()
    }, 120_000)
  }

  it('starts without warnings about its own Vite config (they scroll the presenter\'s terminal before every talk)', () => {
    expect(session.server.output()).not.toMatch(/Your Vite config uses features|\[vite\] warning/i)
  })

  it('switches language with L in the presenter view; the audience window follows and keeps its slide', async () => {
    const target = Math.min(3, slides.length)
    const { presenter, viewer: audience, problems } = await openPresenterAndViewer(session.browser, session.server.deckUrl, target, 'nl')
    const audienceTitle = () => slide(audience, target).locator('h1').first().textContent()
    await expect.poll(audienceTitle, { timeout: 15_000 }).toBe(slides[target - 1]!.titles.nl)

    await presenter.keyboard.press('l')
    await expect.poll(audienceTitle, { timeout: 15_000 }).toBe(slides[target - 1]!.titles.en)
    expect(new URL(audience.url()).pathname).toBe(`/${target}`)

    await presenter.getByRole('button', { name: 'NL', exact: true }).first().click()
    await expect.poll(audienceTitle, { timeout: 15_000 }).toBe(slides[target - 1]!.titles.nl)
    for (const p of problems)
      expect(p).toEqual({ consoleErrors: [], pageErrors: [], externalRequests: [] })
  }, 60_000)
})
