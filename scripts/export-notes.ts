// Presenter notes as a PDF, per language. `slidev export-notes` cannot be pointed at the machine's Chromium,
// so this does what it does — Slidev's server in export mode, its notes page /presenter/print — with playwright-core.
import type { Lang } from '../composables/lang-env'
import process from 'node:process'
import { createServer, resolveOptions } from '@slidev/cli'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from './chromium'
import { loadDeck } from './deck'
import { freePort } from './net'

export async function exportNotes(lang: Lang, output: string): Promise<void> {
  const titles = Object.fromEntries((await loadDeck()).map(slide => [slide.no, slide.titles[lang] ?? '']))
  const port = await freePort()
  process.env.DECK_LANG = lang // read by vite.config.ts when the server below loads it
  const server = await createServer(await resolveOptions({ entry: 'slides.md' }, 'export'), {
    server: { port },
    clearScreen: false,
    logLevel: 'warn',
  })
  await server.listen(port)
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
  })
  try {
    const page = await browser.newPage()
    await page.goto(`http://localhost:${port}/presenter/print?lang=${lang}`, { waitUntil: 'networkidle', timeout: 60_000 })
    // The page heads each note with the slide's first heading, which is the Dutch one: put this language's title there.
    await page.evaluate((byNumber) => {
      for (const heading of document.querySelectorAll('h2 .font-bold')) {
        const number = Number(heading.querySelector('.opacity-50')?.textContent?.split('/')[0])
        const title = [...heading.childNodes].find(node => node.nodeType === Node.TEXT_NODE && node.textContent?.trim())
        if (title && byNumber[number])
          title.textContent = ` ${byNumber[number]} `
      }
    }, titles)
    await page.emulateMedia({ media: 'screen' })
    await page.pdf({
      path: output,
      margin: { left: 0, top: 0, right: 0, bottom: 0 },
      printBackground: true,
      preferCSSPageSize: true,
    })
  }
  finally {
    await browser.close()
    await server.close()
  }
}
