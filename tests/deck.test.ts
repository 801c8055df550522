import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LANGS } from '../common/lang'
import { loadDeck } from '../scripts/lib/deck'

// Raise this when you add a slide. A mismatch usually means Slidev read a slide as the next one's
// frontmatter (`---` / YAML-looking lines / `---`), and the slide silently vanished.
const EXPECTED_SLIDES = 32

// Frontmatter keys a slide of this deck may use; anything else is content that was eaten as YAML.
const FRONTMATTER_KEYS = new Set([
  'theme',
  'title',
  'info',
  'colorSchema',
  'fonts',
  'layout',
  'transition',
  'mdc',
  'favicon',
  'class',
  'clicks',
  'hideInToc',
  'level',
  'routeAlias',
  'zoom',
  'background',
  'disabled',
  'hide',
  'src',
  'exportFilename',
  'download',
  'aspectRatio',
  'canvasWidth',
  'magicMoveDuration',
  // only the presenter draws, and only the presenter's drawings reach the projector
  'drawings',
  // props of the deck's own layouts (layouts/section.vue)
  'part',
  'minutes',
  'from',
  // Not `titles`: setup/preparser.ts derives it from the `# title` in <Nl> and <En>; typed by hand it would be overwritten.
])

describe('slides.md', async () => {
  const slides = await loadDeck()

  it(`has exactly ${EXPECTED_SLIDES} slides`, () => {
    expect(slides.map(s => s.titles.en ?? `#${s.no}`)).toHaveLength(EXPECTED_SLIDES)
  })

  for (const slide of slides) {
    describe(`slide ${slide.no} (${slide.titles.en ?? 'untitled'})`, () => {
      it('has only known frontmatter keys', () => {
        expect(typeof slide.frontmatter).toBe('object')
        expect(Object.keys(slide.frontmatter).filter(k => !FRONTMATTER_KEYS.has(k))).toEqual([])
      })
      for (const lang of LANGS) {
        it(`has a ${lang} title and ${lang} presenter notes`, () => {
          expect(slide.titles[lang], `no "# title" inside <${lang === 'nl'
            ? 'Nl'
            : 'En'}>`).toBeTruthy()
          expect(slide.notes[lang], `no <div lang="${lang}"> in the notes`).toBeTruthy()
        })
      }
    })
  }

  it('imports code only from files that exist, and regions that exist', () => {
    const imports = slides.flatMap(slide => [
      ...slide.content.matchAll(/^<<< @\/(\S+?)(?:#([\w-]+))?(?:\s|$)/gm),
    ].map(m => ({ file: m[1]!, region: m[2] })))
    expect(imports.length).toBeGreaterThan(5)
    for (const { file, region } of imports) {
      expect(existsSync(file), file).toBe(true)
      if (region)
        expect(readFileSync(file, 'utf8'), `${file}#${region}`).toMatch(new RegExp(`# #region ${region}\\n[\\s\\S]*# #endregion ${region}`))
    }
  })

  it('the demo\'s code slide highlights the colour line the demo commits', () => {
    const text = readFileSync('manifests/apps/podinfo/deployment.yaml', 'utf8')
    const lines = text.split('\n')
    const region = lines.slice(lines.findIndex(l => l.trim() === '# #region ui') + 1, lines.findIndex(l => l.trim() === '# #endregion ui'))
    const slide = slides.find(s => s.content.includes('deployment.yaml#ui'))!
    const highlighted = Number(/deployment\.yaml#ui yaml \{(\d+)\}/.exec(slide.content)![1])
    expect(region[highlighted - 1]).toMatch(/value: "#[0-9a-f]{6}"/)
    expect(region[highlighted - 2]).toContain('PODINFO_UI_COLOR')
  })

  it('the disaster-recovery diagram lists the sync waves as apps/ declares them', async () => {
    const { readdirSync } = await import('node:fs')
    const { parseAllDocuments } = await import('yaml')
    const files = readdirSync('apps', { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.yaml') && file !== 'root.yaml')
    const waves = new Map<number, string[]>()
    for (const file of files) {
      for (const document of parseAllDocuments(readFileSync(`apps/${file}`, 'utf8'))) {
        const app = document.toJS() as { kind?: string, metadata?: { name: string, annotations?: Record<string, string> } }
        if (app?.kind !== 'Application')
          continue
        const wave = Number(app.metadata?.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0)
        waves.set(wave, [
          ...(waves.get(wave) ?? []),
          app.metadata!.name,
        ].sort())
      }
    }
    const slide = slides.find(s => s.titles.en === 'Extra: disaster recovery')!
    for (const lang of LANGS) {
      const block = new RegExp(`<${lang === 'nl'
        ? 'Nl'
        : 'En'}>[\\s\\S]*?\`\`\`mermaid([\\s\\S]*?)\`\`\``).exec(slide.content)![1]!
      const drawn = new Map([
        ...block.matchAll(/wave (\d+)<br\/>([^"]+)"/g),
      ].map(m => [
        Number(m[1]),
        m[2]!.split(' · ').sort(),
      ]))
      expect(drawn).toEqual(waves)
    }
  })
})
