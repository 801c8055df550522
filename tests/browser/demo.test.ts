import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { LANGS } from '../../composables/lang-env'
import { loadDeck } from '../../scripts/deck'
import { openPresenterAndViewer, slide } from '../helpers/browser'
import { useDeckSession } from '../helpers/deckSession'

const START_COLOR = '#34577c'
const COMMIT_COLOR = '#e67e22'

/** Records every sync status podinfo's tile shows, however briefly, so a fast heal is still seen. */
async function recordSync(page: Page) {
  await page.evaluate(() => {
    const current = () => document.querySelector('[data-app="podinfo"] [data-testid="sync"]')?.textContent?.trim()
    const seen: string[] = [current() ?? '']
    ;(window as unknown as { __seen: string[] }).__seen = seen
    new MutationObserver(() => {
      const text = current()
      if (text && seen.at(-1) !== text)
        seen.push(text)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
}
const seenSync = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)
const colorOf = (page: Page, n: number) => slide(page, n).locator('[data-testid="podinfo-window"]').getAttribute('data-color')

describe('the live demo in Chromium (npm run dev, simulated ops-demo at speed 4)', async () => {
  const slides = await loadDeck()
  const demoSlide = (title: string) => slides.find(s => s.titles.en?.startsWith(title))!.no
  const drift = demoSlide('Live demo 1')
  const commit = demoSlide('Live demo 2')
  const revert = demoSlide('Live demo 3')
  const session = useDeckSession({ speed: 4 })

  for (const lang of LANGS) {
    it(`${lang}: drift heals, a commit recolours, a revert restores; a read-only viewer follows`, async () => {
      const { presenter, viewer, problems } = await openPresenterAndViewer(session.browser, session.server.deckUrl, drift, lang)

      const act = (n: number, action: string) => slide(presenter, n).locator(`button[data-action="${action}"]`)
      await expect.poll(() => act(drift, 'drift.setColor').isEnabled(), { timeout: 15_000 }).toBe(true)
      expect(await slide(viewer, drift).locator('button[data-action="drift.setColor"]').isDisabled()).toBe(true)
      expect(await slide(viewer, drift).getByTestId('read-only').isVisible()).toBe(true)

      // 1. drift → OutOfSync → healed by Argo CD's selfHeal, back to the colour in Git
      await Promise.all([
        recordSync(presenter),
        recordSync(viewer),
      ])
      await act(drift, 'drift.setColor').click()
      for (const page of [presenter, viewer]) {
        await expect.poll(() => seenSync(page), { timeout: 30_000 }).toEqual(['✓ Synced', '↯ OutOfSync', '✓ Synced'])
        await expect.poll(() => colorOf(page, drift), { timeout: 30_000 }).toBe(START_COLOR)
      }

      // 2. a commit → synced → new pods → the new colour, for the viewer too
      await presenter.keyboard.press('ArrowRight')
      await expect.poll(() => new URL(viewer.url()).pathname, { timeout: 15_000 }).toBe(`/${commit}`)
      const headBefore = await slide(presenter, commit).getByTestId('git-head').textContent()
      await act(commit, 'git.setColor').click()
      for (const page of [presenter, viewer])
        await expect.poll(() => colorOf(page, commit), { timeout: 60_000 }).toBe(COMMIT_COLOR)
      expect(await slide(presenter, commit).getByTestId('git-head').textContent()).not.toBe(headBefore)
      expect(await slide(presenter, commit).getByTestId('git-diff').textContent()).toContain(COMMIT_COLOR)

      // 3. git revert → back to where we started
      await presenter.keyboard.press('ArrowRight')
      await expect.poll(() => new URL(viewer.url()).pathname, { timeout: 15_000 }).toBe(`/${revert}`)
      await act(revert, 'git.revert').click()
      for (const page of [presenter, viewer])
        await expect.poll(() => colorOf(page, revert), { timeout: 60_000 }).toBe(START_COLOR)

      for (const p of problems)
        expect(p).toEqual({ consoleErrors: [], pageErrors: [], externalRequests: [] })
      await presenter.close()
      await viewer.close()
    }, 180_000)
  }

  it('q&A: two pushes at once — rejected, rebased, both in history, shown to a viewer too', async () => {
    const race = demoSlide('Two pushes at once')
    const { presenter, viewer, problems } = await openPresenterAndViewer(session.browser, session.server.deckUrl, race, 'en')
    const button = slide(presenter, race).locator('button[data-action="git.race"]')
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true)
    await button.click()
    for (const page of [presenter, viewer]) {
      const log = slide(page, race).getByTestId('race-log')
      await expect.poll(() => log.textContent(), { timeout: 30_000 }).toMatch(/Presenter — podinfo: colour #8e44ad[\s\S]*A colleague — podinfo: message/)
      await expect.poll(() => slide(page, race).textContent(), { timeout: 30_000 }).toContain('rejected (non-fast-forward)')
    }
    for (const p of problems)
      expect(p).toEqual({ consoleErrors: [], pageErrors: [], externalRequests: [] })
    await presenter.close()
    await viewer.close()
  }, 60_000)
})
