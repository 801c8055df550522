// Screenshots of every slide as the room sees it (audience view, 1280×720), in each language, optionally after a
// full demo run and with the presenter view beside it: `npm run dev` in one terminal, then
//   npx tsx scripts/screenshots.ts [--url http://localhost:3030] [--out test-results/shots] [--lang nl,en] [--demo] [--presenter]
import type { Page } from 'playwright-core'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { deckLang } from '../common/lang'
import { CHROMIUM_ARGS, findChromium } from './lib/chromium'
import { loadDeck } from './lib/deck'

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3030' },
    out: { type: 'string', default: 'test-results/shots' },
    lang: { type: 'string', default: 'nl,en' },
    demo: { type: 'boolean', default: false },
    presenter: { type: 'boolean', default: false },
  },
})

const slides = await loadDeck()
const numberOf = (title: string) => slides.find(s => s.titles.en?.startsWith(title))?.no

async function waitForSlide(page: Page, no: number) {
  await page.locator(`.slidev-page-${no}`).first().waitFor({ timeout: 60_000 })
  // Mermaid draws into a shadow root once its library has loaded: seconds after the slide itself, the first time.
  await page.waitForFunction(n => [
    ...document.querySelectorAll(`.slidev-page-${n} .mermaid`),
  ]
    .every(el => el.shadowRoot?.querySelector('svg')), no, { timeout: 30_000 })
  await page.waitForTimeout(900)
}

/** The talk's demo, driven from the presenter window with its shortcuts: drift, commit, revert, race. */
async function runDemo(presenter: Page) {
  const steps: [string, string, number][] = [
    ['Demo 1', 'k', 9_000],
    ['Demo 2', 'c', 16_000],
    ['Demo 3', 'r', 16_000],
    ['Two pushes', 'p', 16_000],
  ]
  for (const [title, key, wait] of steps) {
    const no = numberOf(title)
    if (!no)
      throw new Error(`no slide "${title}"`)
    await presenter.goto(`${values.url}/presenter/${no}`)
    await waitForSlide(presenter, no)
    await presenter.locator('body').click({
      position: { x: 5, y: 5 },
    })
    await presenter.keyboard.press(key)
    await presenter.waitForTimeout(wait)
  }
}

const browser = await chromium.launch({
  executablePath: findChromium(),
  args: CHROMIUM_ARGS,
})
try {
  await mkdir(values.out, { recursive: true })
  const page = await browser.newPage({
    viewport: { width: 1280, height: 720 },
  })
  if (values.demo) {
    const presenter = await browser.newPage({
      viewport: { width: 1600, height: 900 },
    })
    await runDemo(presenter)
    await presenter.screenshot({
      path: join(values.out, 'presenter-race.png'),
    })
    await presenter.close()
  }
  for (const lang of values.lang.split(',').map(deckLang)) {
    for (const slide of slides) {
      await page.goto(`${values.url}/${slide.no}?lang=${lang}&clicks=99`)
      await waitForSlide(page, slide.no)
      const file = join(values.out, `${lang}-${String(slide.no).padStart(2, '0')}.png`)
      await page.screenshot({ path: file })
      if (values.presenter) {
        const presenter = await browser.newPage({
          viewport: { width: 1600, height: 900 },
        })
        await presenter.goto(`${values.url}/presenter/${slide.no}?lang=${lang}`)
        await waitForSlide(presenter, slide.no)
        await presenter.screenshot({
          path: join(values.out, `${lang}-${String(slide.no).padStart(2, '0')}-presenter.png`),
        })
        await presenter.close()
      }
    }
  }
  console.log(`screenshots of ${slides.length} slides in ${values.out}`)
}
finally {
  await browser.close()
}
process.exit(0)
