/* eslint-disable no-console -- a benchmark prints its figures */
// `npm run bench`: this deck against bare Slidev starter decks built by the same Slidev, side by side: one that uses
// the Slidev features this deck must use (three mermaid diagrams, one Magic Move block: the fair anchor), and the
// plain one. Plus the handout export. Prints figures; asserts nothing. BUILD_PAIRS=2 (default) builds each deck that
// many times, in turn, and sums the times: other work on the machine hits them alike.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium'
import { freePort, waitForHttp } from '../scripts/lib/net'

const root = resolve(import.meta.dirname, '..')
const slidev = join(root, 'node_modules/.bin/slidev')

const buildPairs = Number(process.env.BUILD_PAIRS ?? 2)

/** What this deck uses of Slidev beyond the starter: the diagram kinds of its mermaid blocks, and a Magic Move. */
const FEATURES = [
  '# A flowchart\n\n```mermaid\nflowchart LR\n  A[5 %] -->|✓| B[20 %]\n  B -->|✓| C[100 %]\n  A -.->|✕| R[old version]\n  classDef bad fill:#fee2e2,stroke:#991b1b\n  class R bad\n```',
  '# A sequence\n\n```mermaid\nsequenceDiagram\n  participant C as Colleague\n  participant G as main\n  participant A as Argo CD\n  C->>G: push\n  A->>G: fetch\n  A-->>C: Synced\n```',
  '# Waves\n\n```mermaid\nflowchart LR\n  W0["wave 0<br/>argocd"] --> W1["wave 1<br/>metallb · tekton"]\n  W1 --> W2["wave 2<br/>ingress-nginx"]\n```',
  '# Magic Move\n\n````md magic-move\n```yaml\nreplicas: 2\ncolor: "#34577c"\n```\n```yaml\nreplicas: 4\ncolor: "#c2410c"\n```\n````',
]

/**
 * The deck `npm init slidev` would give, minus its remote images: a few slides, code, a click list; with `features`,
 * also FEATURES.
 */
function bareDeck(features: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'bare-slidev-'))
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  // Same toolchain workaround as this deck (README, "Toolchain notes"), or the bare build fails outright.
  writeFileSync(join(dir, 'vite.config.ts'), 'import { defineConfig } from \'vite\'\nexport default defineConfig({ build: { cssMinify: false } })\n')
  const slides = ['---\ntheme: default\ntitle: Bare\nfonts:\n  provider: none\n---\n\n# Welcome to Slidev\n\nPresentation slides for developers']
  for (let i = 2; i <= 6; i++)
    slides.push(`# Slide ${i}\n\n<v-clicks>\n\n- one\n- two\n\n</v-clicks>\n\n\`\`\`ts\nconst answer = ${i} * 7\n\`\`\``)
  if (features)
    slides.push(...FEATURES)
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

function ratio(ours: number, anchor: number | undefined): string {
  return anchor
    ? `${(ours / anchor).toFixed(2)}×`
    : ''
}

function row(name: string, ours: number, anchors: (number | undefined)[], unit: string, goal: string) {
  const value = (v: number | undefined) => v === undefined
    ? '—'
    : `${v.toFixed(1)} ${unit}`
  const [featured, plain] = anchors
  return `| ${name} | ${value(ours)} | ${value(featured)} | ${ratio(ours, featured)} | ${goal} | ${value(plain)} | ${ratio(ours, plain)} |`
}

interface Build { seconds: number, peakMb: number }

/** Builds each deck `buildPairs` times, in turn (the order turning each time): wall times summed, the largest peak. */
function buildAll(decks: Record<'ours' | 'featured' | 'plain', string>, out: string): Record<keyof typeof decks, Build> {
  const names = Object.keys(decks) as (keyof typeof decks)[]
  const totals = Object.fromEntries(names.map(name => [
    name,
    { seconds: 0, peakMb: 0 },
  ])) as Record<keyof typeof decks, Build>
  for (let pair = 0; pair < buildPairs; pair++) {
    for (const name of [
      ...names.slice(pair % names.length),
      ...names.slice(0, pair % names.length),
    ]) {
      const build = timeCommand(decks[name], [
        slidev,
        'build',
        '--out',
        join(out, `${name}-${pair}`),
      ])
      totals[name].seconds += build.seconds / buildPairs
      totals[name].peakMb = Math.max(totals[name].peakMb, build.peakMb)
      process.stdout.write('.')
    }
  }
  return totals
}

async function main() {
  const plain = bareDeck(false)
  const featured = bareDeck(true)
  const out = mkdtempSync(join(tmpdir(), 'bench-out-'))
  try {
    const loadBefore = loadavg()[0]!
    const builds = buildAll({ ours: root, featured, plain }, out)
    const loadBuilds = loadavg()[0]!
    const oursFirst = await timeToFirstSlide(root)
    const featuredFirst = await timeToFirstSlide(featured)
    const plainFirst = await timeToFirstSlide(plain)
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
    console.log(`\nDeck vs bare Slidev decks (same Slidev, this machine, ${process.platform} ${process.arch}, Node ${process.version})`)
    console.log(`Builds: ${buildPairs} of each deck in turn (wall: mean, peak RSS: largest). Load average (1 min) ${loadBefore.toFixed(1)} before the builds, ${loadBuilds.toFixed(1)} after them, ${loadavg()[0]!.toFixed(1)} at the end: other work on this machine slows every step.\n`)
    console.log('| measure | this deck | bare deck + the same features (3 mermaid, 1 Magic Move) | ratio | goal | plain bare deck | ratio |')
    console.log('|---|---|---|---|---|---|---|')
    console.log(row('slidev build, wall', builds.ours.seconds, [builds.featured.seconds, builds.plain.seconds], 's', '≤ 1.3×'))
    console.log(row('slidev build, peak RSS', builds.ours.peakMb, [builds.featured.peakMb, builds.plain.peakMb], 'MB', '≤ 1.3×'))
    console.log(row('dev: start → first slide painted', oursFirst, [featuredFirst, plainFirst], 's', '≤ 1.5×'))
    console.log(row('export nl (handout + notes)', exportNl.seconds, [], 's', 'both ≤ 60 s'))
    console.log(row('export en (handout + notes)', exportEn.seconds, [], 's', 'both ≤ 60 s'))
    console.log(`\nBoth PDFs: ${(exportNl.seconds + exportEn.seconds).toFixed(1)} s (goal ≤ 60 s)`)
    console.log('All three decks build mermaid as Slidev ships it, with every layout engine: ELK is mermaid 12\'s default layout, the flowcharts use it.\n')
  }
  finally {
    for (const dir of [plain, featured, out])
      rmSync(dir, { recursive: true, force: true })
  }
}

void main()
