import { createServer, resolveOptions } from '@slidev/cli'
import { chromium } from 'playwright-core'
const port = 3099
process.env.DECK_LANG = 'nl'
const server = await createServer(await resolveOptions({ entry: 'slides.md' }, 'export'), { server: { port }, clearScreen: false, logLevel: 'warn' })
await server.listen(port)
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] })
const p = await b.newPage({ viewport: { width: 980, height: 551 }, deviceScaleFactor: 1 })
await p.goto(`http://localhost:${port}/3?print=true`, { waitUntil: 'networkidle', timeout: 60000 })
await p.waitForTimeout(2500)
await p.emulateMedia({ media: 'print' })
console.log(await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, ...[...document.querySelectorAll('body *')].filter(el => { const r = el.getBoundingClientRect(); return r.right > 985 || r.bottom > 560 }).slice(0, 12).map(el => `${el.tagName}.${el.className?.baseVal ?? el.className}#${el.id} r=${Math.round(el.getBoundingClientRect().right)} b=${Math.round(el.getBoundingClientRect().bottom)}`)]))
await p.emulateMedia({ media: 'screen' })
await p.pdf({ path: `/tmp/t.pdf`, width: '980px', height: '551px', printBackground: true, preferCSSPageSize: true, margin: {left:0,top:0,right:0,bottom:0} })
await b.close(); await server.close(); process.exit(0)
