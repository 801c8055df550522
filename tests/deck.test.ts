import { describe, expect, it } from 'vitest'
import { LANGS } from '../composables/lang-env'
import { loadDeck } from './helpers/deck'

// Raise this when you add a slide. A mismatch usually means Slidev read a slide as the next one's
// frontmatter (`---` / YAML-looking lines / `---`), and the slide silently vanished.
const EXPECTED_SLIDES = 4

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
})
