import type { Page } from 'playwright-core'
import type { Lang } from '../../common/lang'
import type { PageProblems } from '../../scripts/lib/browser'
import { mkdir } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { LANGS } from '../../common/lang'
import { slide, watchProblems } from '../../scripts/lib/browser'
import { loadDeck } from '../../scripts/lib/deck'
import { openPresenterAndViewer } from '../helpers/browser'
import { useDeckSession } from '../helpers/deckSession'

const POLL = { timeout: 15_000 }
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

  // Slidev's own titles (goto dialog, tab, overview): in the same session, one dev server fewer to start.
  describe('the deck\'s Slidev titles', () => {
    // Slidev's goto search is fuzzy and favours the start of a title: a word each language's title starts with.
    const playground = slides.find(slide => slide.titles.en === 'Playground')!
    const word = {
      nl: playground.titles.nl!.toLowerCase(),
      en: 'playground',
    }
    // Slidev's default titleTemplate is "%s - Slidev"; %s is the cover's title in the chosen language.
    const tabTitle = (lang: Lang) => `${slides[0]!.titles[lang]} - Slidev`

    /** What Slidev's goto dialog (`g`) lists for a query: "no title" per line. */
    async function goto(page: Page, query: string): Promise<string[]> {
      await page.keyboard.press('g')
      // Typed before the input has focus, the letters would be shortcuts (`l` switches the language).
      await page.locator('#slidev-goto-input:focus').waitFor({ timeout: 5000 })
      await page.keyboard.type(query)
      const items = page.locator('.autocomplete-list li')
      // Either a list, or the input turns red: Slidev's sign for "no slide found".
      await page.locator('.autocomplete-list li, #slidev-goto-input.text-red-400').first().waitFor({ timeout: 5000 })
      const listed = (await items.allInnerTexts()).map(text => text.replace(/\s+/g, ' ').trim())
      await page.keyboard.press('Escape')
      return listed
    }
    /** The same numbers, each with its slide's title in `lang`. */
    const titled = (listed: string[], lang: Lang) => listed.map((item) => {
      const no = Number(item.split(' ')[0])
      return `${no} ${slides[no - 1]!.titles[lang]}`
    })

    async function expectTitlesIn(page: Page, lang: Lang) {
      // The goto dialog searches route.meta.slide.title and shows #slidev/title-renderer: both in `lang`.
      const found = await goto(page, word[lang])
      expect(found, `goto "${word[lang]}"`).toContain(`${playground.no} ${playground.titles[lang]}`)
      expect(found).toEqual(titled(found, lang))
      expect(await goto(page, word[lang === 'nl'
        ? 'en'
        : 'nl']), 'the other language\'s word finds nothing').toEqual([])
    }

    it('the goto dialog and the tab title follow L in the audience and the presenter window', async () => {
      const problems: PageProblems[] = []
      // Ready when the slide shows; not `networkidle`, which on a fresh dev server waits for Slidev to preload every slide.
      const open = async (path: string) => {
        const page = await session.browser.newPage({
          viewport: { width: 1280, height: 720 },
        })
        problems.push(watchProblems(page))
        await page.goto(`${session.server.deckUrl}${path}?lang=en`)
        await slide(page, 2).locator('h1').first().waitFor()
        return page
      }
      const presenter = await open('/presenter/2')
      const audience = await open('/2')

      await expect.poll(() => audience.title(), POLL).toBe(tabTitle('en'))
      await expect.poll(() => presenter.title(), POLL).toBe(`Presenter - ${tabTitle('en')}`)
      await expectTitlesIn(audience, 'en')

      await presenter.keyboard.press('l')
      await expect.poll(() => audience.title(), POLL).toBe(tabTitle('nl'))
      await expect.poll(() => presenter.title(), POLL).toBe(`Presenter - ${tabTitle('nl')}`)
      await expectTitlesIn(audience, 'nl')
      await expectTitlesIn(presenter, 'nl')

      for (const p of problems)
        expect(p).toEqual({ consoleErrors: [], pageErrors: [], externalRequests: [] })
    }, 60_000)

    it('the overview page lists every slide by its title in the chosen language', async () => {
      for (const lang of ['en', 'nl'] as const) {
        const page = await session.browser.newPage({
          viewport: { width: 1280, height: 900 },
        })
        const problems = watchProblems(page)
        await page.goto(`${session.server.deckUrl}/overview?lang=${lang}`)
        // Its list comes first: a number, then that slide's title, for every slide.
        const listed = async () => (await page.locator('body').innerText()).split('\n').map(line => line.trim()).filter(Boolean).slice(0, slides.length * 2)
        await expect.poll(listed, POLL).toEqual(slides.flatMap(deckSlide => [
          String(deckSlide.no),
          deckSlide.titles[lang],
        ]))
        expect(problems).toEqual({ consoleErrors: [], pageErrors: [], externalRequests: [] })
        await page.close()
      }
    }, 60_000)
  })
})
