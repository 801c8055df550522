import type { Server } from 'node:http'
import type { Browser } from 'playwright-core'
import { execFileSync } from 'node:child_process'
import { createReadStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_COLORS } from '../../common/demo-colors'
import { parsePodinfoDeployment } from '../../common/manifests'
import { launchBrowser, slide, watchProblems } from '../../scripts/lib/browser'
import { loadDeck } from '../../scripts/lib/deck'

const OUT = new URL('../../test-results/static/', import.meta.url).pathname
const START_COLOR = parsePodinfoDeployment(readFileSync('manifests/apps/podinfo/deployment.yaml', 'utf8'))!.template.color
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
}

/** A plain static file server, as any web host would be: files from dist/, index.html for the deck's routes. */
function serve(root: string): Promise<{ server: Server, url: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
    let file = join(root, path)
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory())
      file = join(root, 'index.html')
    response.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
    createReadStream(file).pipe(response)
  })
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address
      ? address.port
      : 0}` })
  }))
}

describe('npm run build: the static deck plays the shipped recording, no server', async () => {
  const slides = await loadDeck()
  const numberOf = (title: string) => slides.find(s => s.titles.en?.startsWith(title))!.no
  let browser: Browser
  let site: { server: Server, url: string }

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true })
    execFileSync(process.execPath, [
      'node_modules/.bin/slidev',
      'build',
      '--out',
      OUT,
    ], { stdio: 'pipe' })
    site = await serve(OUT)
    browser = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    site?.server.close()
  })

  it('a demo slide, played, reaches the recording\'s final state, wearing the REPLAY badge', async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 720 },
    })
    const problems = watchProblems(page)
    const drift = numberOf('Demo 1')
    const commit = numberOf('Demo 2')
    await page.goto(`${site.url}/${drift}?lang=en`)
    const badge = slide(page, drift).getByTestId('mode-badge').first()
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toMatch(/REPLAY · recorded \d+ \w+ \d{4}/)
    await expect.poll(() => slide(page, drift).getByTestId('podinfo-window').getAttribute('data-color'), { timeout: 30_000 }).toBe(START_COLOR)

    // Drift: the recorded drift plays — the cluster turns red, Argo CD heals it back to git's colour.
    await slide(page, drift).getByTestId('play').click()
    await expect.poll(() => slide(page, drift).getByTestId('desired-live').textContent(), { timeout: 20_000 }).toContain(DEMO_COLORS.drift)
    await expect.poll(() => slide(page, drift).getByTestId('phase-strip').getAttribute('data-phase'), { timeout: 30_000 }).toBe('synced')
    expect(await slide(page, drift).getByTestId('podinfo-window').getAttribute('data-color')).toBe(START_COLOR)

    // The commit slide: its play rolls out the recorded commit, with the recorded SHA on the YAML.
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe(`/${commit}`)
    await slide(page, commit).getByTestId('play').click()
    await expect.poll(() => slide(page, commit).getByTestId('podinfo-window').getAttribute('data-color'), { timeout: 40_000 }).toBe(DEMO_COLORS.commit)
    await expect.poll(() => slide(page, commit).getByTestId('phase-strip').getAttribute('data-phase'), { timeout: 40_000 }).toBe('synced')
    expect(await slide(page, commit).getByTestId('git-yaml').textContent()).toContain(DEMO_COLORS.commit)

    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], externalRequests: [] })
    await page.close()
  }, 120_000)
})
