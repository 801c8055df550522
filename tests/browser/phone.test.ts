// The audience's own screens, in Chromium: `npm run dev -- --remote <password> --bind 127.0.0.1`, phones at 390×844
// that reach the deck through a relay from 127.0.0.2 (tests/helpers/relay.ts: to the deck a phone on the LAN),
// the presenter view and the projector on this machine.
import type { BrowserContext, Page } from 'playwright-core'
import type { Lang } from '../../common/lang'
import { mkdir, readFile } from 'node:fs/promises'
import { request } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LANGS } from '../../common/lang'
import { slide } from '../../scripts/lib/browser'
import { loadDeck } from '../../scripts/lib/deck'
import { useDeckSession } from '../helpers/deckSession'
import { budgetViolations, measureSlide } from '../helpers/legibility'
import { decodeGrid, decodePng, terminalGrid } from '../helpers/qr'
import { PHONE_HOST, phoneRelay } from '../helpers/relay'
import { ENGLISH_ONLY } from '../helpers/timeline'

const PASSWORD = 'room-secret'
const SHOTS = new URL('../../test-results/phone/', import.meta.url).pathname
const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' }
/** The phone's smallest text, in CSS px. */
const PHONE_FLOOR = 14
/**
 * Long enough for a loaded CI machine: this test asserts that the phone follows and prints how fast. A timed assertion
 * (1000 ms) failed once under load; speed goals live in bench/ (bench/room.ts: presenter → the phones' socket, p95 ≤
 * 250 ms; the phone's DOM is measured only here, with no goal).
 */
const FOLLOW_TIMEOUT_MS = 15_000

const probe = await readFile(new URL('../helpers/phone-probe.js', import.meta.url), 'utf8')

interface PhoneText { text: string, size: number, off: boolean }
type ProbeResult = { texts: PhoneText[], page: { scrollWidth: number, clientWidth: number, documentWidth: number, width: number } } | { error: string }

/** What a phone reader would miss on this screen: text under the floor, text off the side, a page wider than the phone. */
async function phoneProblems(page: Page): Promise<string[]> {
  const result = await page.evaluate(`(() => { ${probe}; return probePhone() })()`) as ProbeResult
  if ('error' in result)
    return [result.error]
  const problems = result.texts.flatMap(text => [
    ...(text.size < PHONE_FLOOR - 0.05
      ? [`"${text.text}" is ${text.size} px`]
      : []),
    ...(text.off
      ? [`"${text.text}" is off the screen sideways`]
      : []),
  ])
  if (result.page.scrollWidth > result.page.clientWidth + 1 || result.page.documentWidth > result.page.width + 1)
    problems.push(`the page is ${Math.max(result.page.scrollWidth, result.page.documentWidth)} px wide on a ${result.page.width} px screen`)
  if (result.texts.length === 0)
    problems.push('no text at all')
  return problems
}

/** What the deck's server holds as the room's language (the module every window loads it from). */
function roomLang(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    request({
      host: '127.0.0.1',
      port,
      path: `/@server-reactive/lang?t=${Date.now()}`,
      headers: { host: `localhost:${port}` },
    }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => body += chunk)
      response.on('end', () => resolve((JSON.parse(/reactive\((.*)\)\n/.exec(body)![1]!) as { lang: string }).lang))
    }).on('error', reject).end()
  })
}

describe('phones in the room (npm run dev -- --remote, phones at 390×844 from 127.0.0.2)', async () => {
  const slides = await loadDeck()
  const numberOf = (title: string) => slides.find(s => s.titles.en?.startsWith(title))!.no
  const session = useDeckSession({
    speed: 4,
    args: [
      '--remote',
      PASSWORD,
      '--bind',
      '127.0.0.1',
      '--questions',
      'none',
    ],
  })
  let phoneUrl: string
  let port: number
  let closeRelay: () => Promise<void>
  const contexts: BrowserContext[] = []
  /** Uncaught errors in a phone's page, and requests a phone made anywhere but to the deck. */
  const phoneProblemsSeen: string[] = []

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true })
    port = Number(new URL(session.server.deckUrl).port)
    const relay = await phoneRelay(port)
    phoneUrl = relay.url
    closeRelay = relay.close
  })
  afterEach(() => {
    expect(phoneProblemsSeen.splice(0)).toEqual([])
  })
  afterAll(async () => {
    await Promise.all(contexts.map(context => context.close()))
    await closeRelay?.()
  })

  /** A phone in `lang` (its browser's language) opening `path` on the deck's LAN address. Page errors fail the test. */
  async function openPhone(lang: Lang, path = '/'): Promise<Page> {
    const context = await session.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: LOCALE[lang],
      isMobile: true,
      hasTouch: true,
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', error => phoneProblemsSeen.push(`${path}: ${error.message}`))
    page.on('request', (sent) => {
      if (sent.url().startsWith('http') && new URL(sent.url()).hostname !== PHONE_HOST)
        phoneProblemsSeen.push(`a phone fetched ${sent.url()}`)
    })
    // A phone's first visit makes the dev server compile the deck: a minute on a busy machine.
    await page.goto(`${phoneUrl}${path}`, { waitUntil: 'commit', timeout: 120_000 })
    return page
  }

  async function openPresenter(no: number, lang: Lang): Promise<Page> {
    const page = await session.browser.newPage({
      viewport: { width: 1400, height: 800 },
    })
    await page.goto(`${session.server.deckUrl}/presenter/${no}?lang=${lang}&password=${PASSWORD}`)
    await slide(page, no).locator('h1').first().waitFor({ timeout: 60_000 })
    return page
  }

  async function openProjector(no: number, clicks = 0): Promise<Page> {
    const page = await session.browser.newPage({
      viewport: { width: 1280, height: 720 },
    })
    await page.goto(`${session.server.deckUrl}/${no}?clicks=${clicks}`)
    await slide(page, no).locator('h1').first().waitFor({ timeout: 60_000 })
    return page
  }

  /** The presenter moves (as its keys do): to slide `no`, every click shown. */
  const presenterGo = (presenter: Page, no: number) => presenter.evaluate(n => (window as unknown as { __slidev__: { nav: { go: (no: number, clicks: number) => Promise<void> } } }).__slidev__.nav.go(n, 999_999), no)

  it('the join code on the cover and the question slide decodes to the URL npm run dev printed, with its QR code', async () => {
    const printed = /phones join at (http:\/\/\S+)/.exec(session.server.output())?.[1]
    expect(printed).toBe(`http://127.0.0.1:${port}`)
    expect(decodeGrid(terminalGrid(session.server.output()))).toBe(printed)
    const questions = numberOf('Questions?')
    for (const [no, clicks] of [
      [1, 0],
      [questions, 4],
    ] as const) {
      const projector = await openProjector(no, clicks)
      const code = slide(projector, no).getByTestId('join-code')
      await code.waitFor()
      await projector.waitForTimeout(800)
      expect(decodePng(await code.screenshot())).toBe(printed)
      expect((await slide(projector, no).getByTestId('join-url').textContent())?.trim()).toBe(printed)
      // Big enough for the back of the room: at least a quarter of the canvas' height.
      const [box, canvas] = [await code.boundingBox(), await projector.locator('#slide-content').boundingBox()]
      expect(box!.height / canvas!.height).toBeGreaterThanOrEqual(0.25)
      expect(budgetViolations(await measureSlide(projector, no)), `slide ${no}`).toEqual([])
      if (no === 1)
        await projector.screenshot({ path: `${SHOTS}cover-with-qr.png` })
      await projector.close()
    }
  }, 120_000)

  for (const lang of LANGS) {
    it(`${lang}: a phone follows the presenter to every slide; every slide legible (nothing under ${PHONE_FLOOR} px, nothing sideways)`, async () => {
      const presenter = await openPresenter(1, lang)
      const phone = await openPhone(lang)
      await phone.getByTestId('phone-view').waitFor({ timeout: 120_000 })
      expect(new URL(phone.url()).pathname).toBe('/phone')
      expect(await phone.evaluate(() => document.documentElement.lang)).toBe(lang)
      const problems: string[] = []
      const followed: number[] = []
      // When the presenter's window sends its new position, and when the phone shows it, on this machine's clock.
      let sentAt = 0
      presenter.on('request', (sent) => {
        if (sent.method() === 'POST' && sent.url().includes('/@server-reactive/nav') && sentAt === 0)
          sentAt = Date.now()
      })
      await phone.evaluate(() => {
        const seen: Record<string, number> = {}
        ;(window as unknown as { __seen: Record<string, number> }).__seen = seen
        new MutationObserver(() => {
          const shown = document.querySelector('[data-testid="phone-page"]')?.textContent?.split('/')[0]
          if (shown && seen[shown] === undefined)
            seen[shown] = Date.now()
        }).observe(document.body, { subtree: true, childList: true, characterData: true })
      })
      for (const { no, titles } of slides) {
        sentAt = 0
        await presenterGo(presenter, no)
        await phone.waitForFunction(n => document.querySelector('[data-testid="phone-page"]')?.textContent?.startsWith(`${n}/`), no, { timeout: FOLLOW_TIMEOUT_MS })
        if (no > 1) {
          const shownAt = await phone.evaluate(n => (window as unknown as { __seen: Record<string, number> }).__seen[String(n)], no)
          expect(sentAt, `the presenter sent slide ${no}`).toBeGreaterThan(0)
          followed.push(shownAt! - sentAt)
        }
        await expect.poll(() => phone.locator(`.phone-slide[data-slide="${no}"] h1`).first().textContent(), { timeout: 60_000, message: `slide ${no} on the phone` }).toBe(titles[lang])
        // Diagrams are drawn (mermaid: in a shadow root), then fitted to their text within a second.
        await phone.waitForFunction(() => [
          ...document.querySelectorAll('.phone-slide .mermaid'),
        ].every(host => host.shadowRoot?.querySelector('svg')), undefined, { timeout: 90_000 })
        let found: string[] = []
        await expect.poll(async () => (found = await phoneProblems(phone)).length, { timeout: 4000 }).toBe(0).catch(() => {})
        problems.push(...found.map(problem => `slide ${no}: ${problem}`))
      }
      expect(problems).toEqual([])
      expect(followed).toHaveLength(slides.length - 1)
      // Finite, not positive: the presenter's request reaches this process (Playwright's event) after the phone may show it.
      expect(followed.every(Number.isFinite), `presenter → phone: ${followed.join(', ')} ms`).toBe(true)
      const sorted = followed.toSorted((a, b) => a - b)
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
      console.warn(`presenter → phone (${lang}): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)} ms over ${sorted.length} slide changes`)
      await presenter.close()
    }, 600_000)
  }

  it('each phone has its own language; a phone\'s ?lang= and its taps never change the projector\'s; the presenter\'s L does', async () => {
    const presenter = await openPresenter(5, 'nl')
    const projector = await openProjector(5)
    const title = (page: Page, no: number) => slide(page, no).locator('h1').first().textContent()
    await expect.poll(() => title(projector, 5), { timeout: 15_000 }).toBe(slides[4]!.titles.nl)

    // Before the guard, this switched the room (startLangSync wrote it into Slidev's shared state).
    const asked = await openPhone('nl', '/5?lang=en')
    await expect.poll(() => title(asked, 5), { timeout: 60_000 }).toBe(slides[4]!.titles.en)
    await asked.waitForTimeout(1500)
    expect(await title(projector, 5)).toBe(slides[4]!.titles.nl)
    expect(await roomLang(port)).toBe('nl')

    // A Dutch phone starts Dutch, one tap makes it English, and it stays so after a reload.
    const dutch = await openPhone('nl')
    await dutch.getByTestId('phone-view').waitFor({ timeout: 60_000 })
    expect(await dutch.evaluate(() => document.documentElement.lang)).toBe('nl')
    await dutch.getByRole('button', { name: 'EN', exact: true }).click()
    await expect.poll(() => dutch.evaluate(() => document.documentElement.lang)).toBe('en')
    await dutch.reload()
    await dutch.getByTestId('phone-view').waitFor({ timeout: 60_000 })
    expect(await dutch.evaluate(() => document.documentElement.lang)).toBe('en')
    await dutch.waitForTimeout(1000)
    expect(await title(projector, 5)).toBe(slides[4]!.titles.nl)
    expect(await roomLang(port)).toBe('nl')

    // The presenter's L switches the projector, and no phone.
    await presenter.keyboard.press('l')
    await expect.poll(() => title(projector, 5), { timeout: 15_000 }).toBe(slides[4]!.titles.en)
    await presenter.keyboard.press('l')
    await expect.poll(() => title(projector, 5), { timeout: 15_000 }).toBe(slides[4]!.titles.nl)
    expect(await dutch.evaluate(() => document.documentElement.lang)).toBe('en')
    await presenter.close()
    await projector.close()
  }, 180_000)

  it('a phone cannot move the slides, even in the presenter view, which still asks for Slidev\'s password', async () => {
    const projector = await openProjector(3)
    const phone = await openPhone('en', '/3')
    await slide(phone, 3).locator('h1').first().waitFor({ timeout: 60_000 })
    for (const key of [
      'ArrowRight',
      'ArrowDown',
      'Space',
      'PageDown',
    ])
      await phone.keyboard.press(key)
    const prompted = new Promise<string>(resolve => phone.once('dialog', (dialog) => {
      resolve(dialog.message())
      void dialog.dismiss()
    }))
    await phone.goto(`${phoneUrl}/presenter/3`)
    expect(await prompted).toBe('Enter password')
    await expect.poll(() => new URL(phone.url()).pathname, { timeout: 30_000 }).toBe('/3')
    await phone.waitForTimeout(1500)
    expect(new URL(projector.url()).pathname).toBe('/3')
    expect(await slide(projector, 3).locator('h1').first().isVisible()).toBe(true)
    await projector.close()
  }, 120_000)

  it('during the demo each phone words the live events in its own language', async () => {
    const drift = numberOf('Demo 1')
    const presenter = await openPresenter(drift, 'nl')
    const phones = { nl: await openPhone('nl'), en: await openPhone('en') }
    for (const phone of Object.values(phones))
      await phone.getByTestId('phone-demo').waitFor({ timeout: 60_000 })
    await expect.poll(() => presenter.getByTestId('demo-controls').locator('button[data-key="k"]').isEnabled(), { timeout: 30_000 }).toBe(true)
    await presenter.keyboard.press('k')
    for (const phone of Object.values(phones))
      await expect.poll(() => phone.getByTestId('timeline').innerText(), { timeout: 30_000 }).toMatch(/self-heal/)
    await expect.poll(() => phones.en.getByTestId('timeline').innerText(), { timeout: 30_000 }).toMatch(ENGLISH_ONLY)
    expect(await phones.nl.getByTestId('timeline').innerText()).not.toMatch(ENGLISH_ONLY)
    expect(await phones.nl.getByTestId('phone-demo').innerText()).toMatch(/pods klaar/)
    expect(await phones.en.getByTestId('phone-demo').innerText()).toMatch(/pods ready/)
    for (const lang of LANGS) {
      expect(await phoneProblems(phones[lang]), lang).toEqual([])
      await phones[lang].screenshot({ path: `${SHOTS}demo-${lang}.png` })
    }
    await presenter.close()
  }, 180_000)

  it('a phone\'s question reaches the projector only when the presenter chooses it', async () => {
    const questions = numberOf('Questions?')
    const presenter = await openPresenter(questions, 'nl')
    const projector = await openProjector(questions)
    const asker = await openPhone('en')
    const voter = await openPhone('nl')
    const text = 'Does self-heal undo a hotfix made with kubectl edit?'

    await asker.getByTestId('tab-questions').click()
    await asker.getByTestId('question-text').fill('x'.repeat(281))
    await asker.getByTestId('question-send').click()
    await expect.poll(() => asker.getByTestId('question-answer').textContent()).toContain('more than 280 characters')
    await asker.getByTestId('question-text').fill(text)
    await asker.getByTestId('question-send').click()
    await expect.poll(() => asker.getByTestId('question-answer').textContent()).toContain('Sent')

    await voter.getByTestId('tab-questions').click()
    const onVoter = voter.locator('li', { hasText: text })
    await onVoter.getByRole('button').click()
    await expect.poll(() => onVoter.getByRole('button').getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => asker.locator('li', { hasText: text }).innerText()).toMatch(/^1\b/)

    // The presenter sees it, most votes first; the projector shows nothing yet.
    const dock = presenter.getByTestId('question-dock')
    await dock.locator('button.title').click()
    await expect.poll(() => dock.locator('li').first().innerText(), { timeout: 15_000 }).toContain(text)
    await projector.waitForTimeout(1500)
    expect(await projector.getByTestId('question-on-screen').count()).toBe(0)

    await dock.locator('li', { hasText: text }).locator('button.pick').click()
    await expect.poll(() => projector.getByTestId('question-on-screen').innerText(), { timeout: 15_000 }).toContain(text)
    await expect.poll(() => asker.locator('li', { hasText: text }).innerText()).toMatch(/on screen/)
    for (const phone of [asker, voter])
      expect(await phoneProblems(phone)).toEqual([])
    await projector.waitForTimeout(500)
    await presenter.screenshot({ path: `${SHOTS}presenter-questions.png` })
    await asker.screenshot({ path: `${SHOTS}phone-questions-en.png` })
    await projector.screenshot({ path: `${SHOTS}projector-question.png` })

    await presenter.keyboard.press('a')
    await expect.poll(() => projector.getByTestId('question-on-screen').count(), { timeout: 15_000 }).toBe(0)
    await expect.poll(() => asker.locator('li', { hasText: text }).count()).toBe(0)
    await presenter.close()
    await projector.close()
  }, 180_000)
})
