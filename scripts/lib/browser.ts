import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
// The machine's Chromium for the tests, the benchmarks and the scripts: launched, watched and warmed up.
import { errorMessage } from '../../common/text'
import { CHROMIUM_ARGS, findChromium } from './chromium'

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
  })
}

export interface PageProblems {
  consoleErrors: string[]
  pageErrors: string[]
  externalRequests: string[]
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Records what an audience member would never want: console errors, uncaught errors, requests leaving the machine. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], externalRequests: [] }
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.consoleErrors.push(message.text())
  })
  page.on('pageerror', error => problems.pageErrors.push(`${error.message}\n${error.stack ?? ''}`.trim()))
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol.startsWith('http') || url.protocol.startsWith('ws')) {
      if (!LOCAL_HOSTS.has(url.hostname))
        problems.externalRequests.push(request.url())
    }
  })
  return problems
}

/** The slide number `n` as the audience sees it. */
export function slide(page: Page, n: number) {
  return page.locator(`.slidev-page-${n}`).first()
}

/**
 * Waits until a fresh dev server renders the first slide: Vite bundles dependencies and compiles the client on the
 * first visit, which on a busy 2-core machine can take longer than any single assertion should wait.
 */
export async function warmUpDeck(browser: Browser, deckUrl: string): Promise<void> {
  const page = await browser.newPage()
  const problems = watchProblems(page)
  try {
    await page.goto(`${deckUrl}/1`, { timeout: 90_000 })
    await slide(page, 1).locator('h1').first().waitFor({ timeout: 90_000 })
  }
  catch (error) {
    throw new Error(`the deck did not render slide 1 (${errorMessage(error)}): ${JSON.stringify(problems)}`)
  }
  finally {
    await page.close()
  }
}
