import type { Lang } from '../composables/lang-env'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import process from 'node:process'
import { beforeAll, describe, expect, it } from 'vitest'
import { LANGS } from '../composables/lang-env'
import { loadDeck } from '../scripts/deck'
import { HANDOUT_NAMES } from '../scripts/handout-names'

const OUT = 'test-results/export'
const FORBIDDEN = [
  'disconnected',
  'undefined',
  'NaN',
  'connecting to demo server',
  'verbinden met demo-server',
  'waiting for state',
  'wachten op state',
  'unreachable',
  'onbereikbaar',
]

function tool(name: string, args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8' })
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${name} not found: install poppler-utils (Debian/Ubuntu: sudo apt-get install -y poppler-utils)`)
    throw error
  }
}
const squash = (text: string) => text.replace(/\s+/g, '')
/** Letters and digits only: markdown marks, quotes and line breaks differ between a note's source and its PDF text. */
const letters = (text: string) => text.normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '')
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [pdf]))?.[1])
function pageText(pdf: string, page: number) {
  return tool('pdftotext', [
    '-layout',
    '-f',
    String(page),
    '-l',
    String(page),
    pdf,
    '-',
  ])
}

describe('npm run export: a handout and a notes PDF per language', async () => {
  const slides = await loadDeck()

  beforeAll(() => {
    rmSync(OUT, { recursive: true, force: true })
    mkdirSync(`${OUT}/pages`, { recursive: true })
    execFileSync(process.execPath, [
      'node_modules/.bin/tsx',
      'scripts/export.ts',
      '--out-dir',
      OUT,
    ], { stdio: 'inherit' })
  }, 240_000)

  for (const lang of LANGS) {
    const other: Lang = lang === 'nl'
      ? 'en'
      : 'nl'
    const handout = `${OUT}/${HANDOUT_NAMES[lang]}.pdf`

    it(`${lang}: one page per slide, each with its ${lang} title and nothing broken`, () => {
      expect(pages(handout)).toBe(slides.length)
      for (const slide of slides) {
        const text = pageText(handout, slide.no)
        expect(squash(text), `page ${slide.no}`).toContain(squash(slide.titles[lang]!))
        if (slide.titles[other] !== slide.titles[lang])
          expect(squash(text), `page ${slide.no} shows the ${other} title`).not.toContain(squash(slide.titles[other]!))
        for (const word of FORBIDDEN)
          expect(text, `page ${slide.no} says "${word}"`).not.toContain(word)
      }
      tool('pdftoppm', [
        '-r',
        '50',
        '-png',
        '-f',
        '1',
        '-l',
        '14',
        handout,
        `${OUT}/pages/${lang}`,
      ])
    })

    it(`${lang}: the demo pages tell the demo as a storyboard`, () => {
      const demo = slides.filter(s => s.titles.en?.startsWith('Live demo'))
      expect(demo).toHaveLength(3)
      for (const slide of demo) {
        const text = pageText(handout, slide.no)
        expect(text).toContain('OutOfSync')
        expect(text).toContain('Synced')
      }
    })

    it(`${lang}: the notes PDF carries the ${lang} notes under ${lang} titles`, () => {
      const notes = letters(tool('pdftotext', [`${OUT}/${HANDOUT_NAMES[lang]}.notes.pdf`, '-']))
      const opening = (note: string) => letters(note.split('\n')[0]!).slice(0, 40)
      for (const slide of slides) {
        expect(notes).toContain(letters(slide.titles[lang]!))
        expect(notes, `notes of slide ${slide.no}`).toContain(opening(slide.notes[lang]!))
        expect(notes, `notes of slide ${slide.no} in ${other}`).not.toContain(opening(slide.notes[other]!))
      }
    })
  }
})
