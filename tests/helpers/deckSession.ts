import type { Browser } from 'playwright-core'
import type { DevServer } from '../../scripts/lib/dev-server'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { launchBrowser, warmUpDeck } from '../../scripts/lib/browser'
import { startDevServer } from '../../scripts/lib/dev-server'

export interface DeckSession {
  browser: Browser
  server: DevServer
}

/**
 * For a browser suite: Chromium and `npm run dev` up (and slide 1 rendered) before the tests, both closed after,
 * and the dev server's output printed with any failing test.
 */
export function useDeckSession(options: { speed?: number, args?: string[], env?: NodeJS.ProcessEnv } = {}): DeckSession {
  const session = {} as DeckSession
  beforeAll(async () => {
    session.browser = await launchBrowser()
    session.server = await startDevServer(options)
    await warmUpDeck(session.browser, session.server.deckUrl)
  }, 240_000)
  beforeEach(({ onTestFailed }) => onTestFailed(() => console.error(`npm run dev said:\n${session.server?.output().slice(-4000)}`)))
  afterAll(async () => {
    await session.browser?.close()
    await session.server?.close()
  })
  return session
}
