/* eslint-disable no-console -- a benchmark prints its figures */
// `npm run bench`: this deck against a bare Slidev starter deck built by the same Slidev, side by side,
// plus the handout export and the demo server's latency. Prints figures; asserts nothing.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium'
import { freePort, waitForHttp } from '../scripts/lib/net'

const root = resolve(import.meta.dirname, '..')
const slidev = join(root, 'node_modules/.bin/slidev')

/** The deck `npm init slidev` would give, minus its remote images: a few slides, code, a click list. */
function bareDeck(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bare-slidev-'))
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  // Same toolchain workaround as this deck (README, "Toolchain notes"), or the bare build fails outright.
  writeFileSync(join(dir, 'vite.config.ts'), 'import { defineConfig } from \'vite\'\nexport default defineConfig({ build: { cssMinify: false } })\n')
  const slides = ['---\ntheme: default\ntitle: Bare\nfonts:\n  provider: none\n---\n\n# Welcome to Slidev\n\nPresentation slides for developers']
  for (let i = 2; i <= 6; i++)
    slides.push(`# Slide ${i}\n\n<v-clicks>\n\n- one\n- two\n\n</v-clicks>\n\n\`\`\`ts\nconst answer = ${i} * 7\n\`\`\``)
  writeFileSync(join(dir, 'slides.md'), `${slides.join('\n\n---\n\n')}\n`)
  return dir
}

/** Wall seconds and peak RSS (MB, the largest process) of a command, from GNU time. */
function timeCommand(cwd: string, args: string[]) {
  const started = performance.now()
  const result = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB=%M', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed:\n${result.stderr.slice(-2000)}`)
  const peakKb = Number(/PEAK_KB=(\d+)/.exec(result.stderr)?.[1])
  return { seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024 }
}

/** From starting `slidev` to the first slide painted in Chromium. */
async function timeToFirstSlide(cwd: string): Promise<number> {
  const port = await freePort()
  const started = performance.now()
  const server = spawn(slidev, [
    'slides.md',
    '--port',
    String(port),
  ], {
    cwd,
    stdio: 'ignore',
    detached: true,
    env: {
      ...process.env,
      DEMO_PORT: String(await freePort()),
    },
  })
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
  })
  try {
    await waitForHttp(`http://localhost:${port}/`, 60_000, () => (server.exitCode === null
      ? undefined
      : `slidev exited with ${server.exitCode}`))
    const page = await browser.newPage()
    await page.goto(`http://localhost:${port}/1`)
    await page.locator('.slidev-page-1 h1').first().waitFor({ state: 'visible', timeout: 60_000 })
    return (performance.now() - started) / 1000
  }
  finally {
    await browser.close()
    process.kill(-server.pid!, 'SIGTERM')
  }
}

function row(name: string, ours: number, bare: number | undefined, unit: string, goal: string) {
  const ratio = bare
    ? `${(ours / bare).toFixed(2)}×`
    : ''
  return `| ${name} | ${ours.toFixed(1)} ${unit} | ${bare === undefined
    ? '—'
    : `${bare.toFixed(1)} ${unit}`} | ${ratio} | ${goal} |`
}

async function main() {
  const bare = bareDeck()
  const out = mkdtempSync(join(tmpdir(), 'bench-out-'))
  try {
    const oursBuild = timeCommand(root, [
      slidev,
      'build',
      '--out',
      join(out, 'ours'),
    ])
    const bareBuild = timeCommand(bare, [
      slidev,
      'build',
      '--out',
      join(out, 'bare'),
    ])
    const oursFirst = await timeToFirstSlide(root)
    const bareFirst = await timeToFirstSlide(bare)
    const exportNl = timeCommand(root, [
      process.execPath,
      join(root, 'node_modules/.bin/tsx'),
      'scripts/export.ts',
      '--lang',
      'nl',
      '--out-dir',
      out,
    ])
    const exportEn = timeCommand(root, [
      process.execPath,
      join(root, 'node_modules/.bin/tsx'),
      'scripts/export.ts',
      '--lang',
      'en',
      '--out-dir',
      out,
    ])
    console.log(`\nDeck vs a bare Slidev deck (same Slidev, this machine, ${process.platform} ${process.arch}, Node ${process.version})\n`)
    console.log('| measure | this deck | bare deck | ratio | goal |')
    console.log('|---|---|---|---|---|')
    console.log(row('slidev build, wall', oursBuild.seconds, bareBuild.seconds, 's', '≤ 1.5×'))
    console.log(row('slidev build, peak RSS', oursBuild.peakMb, bareBuild.peakMb, 'MB', '≤ 1.5×'))
    console.log(row('dev: start → first slide painted', oursFirst, bareFirst, 's', '≤ 1.5×'))
    console.log(row('export nl (handout + notes)', exportNl.seconds, undefined, 's', 'both ≤ 60 s'))
    console.log(row('export en (handout + notes)', exportEn.seconds, undefined, 's', 'both ≤ 60 s'))
    console.log(`\nBoth PDFs: ${(exportNl.seconds + exportEn.seconds).toFixed(1)} s (goal ≤ 60 s)\n`)
  }
  finally {
    rmSync(bare, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  }
}

void main()
