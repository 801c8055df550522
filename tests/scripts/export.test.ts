import type { Lang } from '../../common/lang'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import process from 'node:process'
import { beforeAll, describe, expect, it } from 'vitest'
import { LANGS } from '../../common/lang'
import { keyFrames } from '../../common/recording/key-frames'
import { parseRecording } from '../../common/recording/parse'
import { isKeyEvent, timelineText } from '../../common/words/timeline'
import { loadDeck } from '../../scripts/lib/deck'
import { HANDOUT_NAMES } from '../../scripts/lib/handout-names'

const OUT = 'test-results/export'
const FORBIDDEN = [
  'disconnected',
  'undefined',
  'NaN',
  'connecting to the demo server',
  'verbinden met de demo-server',
  'waiting for the demo server',
  'wachten op de demo-server',
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
const pdfTitle = (pdf: string) => /^Title:[ \t]+(\S.*)$/m.exec(tool('pdfinfo', [pdf]))?.[1]
function pageText(pdf: string, page: number) {
  return tool('pdftotext', [
    '-f',
    String(page),
    '-l',
    String(page),
    pdf,
    '-',
  ])
}

describe('npm run export: the slides and a handout with notes, per language', async () => {
  const slides = await loadDeck()
  const frames = keyFrames(parseRecording(readFileSync('recordings/demo.jsonl', 'utf8')))

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
      expect(pdfTitle(handout)).toBe(slides[0]!.titles[lang])
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

    it(`${lang}: the demo pages show the shipped recording: its commits and its events, in ${lang}`, () => {
      const pagesOf = (title: string) => pageText(handout, slides.find(s => s.titles.en?.startsWith(title))!.no)
      const moments = {
        'Demo 1': [
          'drift',
          'outOfSync',
          'healing',
          'healed',
        ],
        'Demo 2': ['commit', 'syncing', 'rolledOut'],
        'Demo 3': ['revert', 'back'],
      } as const
      for (const [title, keys] of Object.entries(moments)) {
        const text = squash(pagesOf(title))
        for (const key of keys) {
          const frame = frames[key]!
          expect(text, `${title}: HEAD of "${key}"`).toContain(squash(`HEAD ${frame.state.git.head.slice(0, 7)}`))
          // The newest event of podinfo's story at that moment, as the page words it.
          const event = frame.state.timeline.findLast(entry => isKeyEvent(entry) && entry.kind !== 'command' && (!('app' in entry) || entry.app === 'podinfo'))!
          expect(text, `${title}: the event of "${key}"`).toContain(squash(timelineText(event, lang)).slice(0, 24))
        }
      }
      expect(squash(pagesOf('Demo 2'))).toContain(squash(`podinfo: colour ${frames.commit!.state.git.desired!.color}`))
    })

    it(`${lang}: the handout with notes has each slide with its ${lang} notes below it`, () => {
      const withNotes = `${OUT}/${HANDOUT_NAMES[lang]}.with-notes.pdf`
      expect(pages(withNotes)).toBe(slides.length)
      expect(pdfTitle(withNotes)).toBe(slides[0]!.titles[lang])
      const opening = (note: string) => letters(note.split('\n')[0]!).slice(0, 40)
      for (const slide of slides) {
        const text = letters(pageText(withNotes, slide.no))
        expect(text, `page ${slide.no}`).toContain(letters(slide.titles[lang]!))
        expect(text, `notes of slide ${slide.no}`).toContain(opening(slide.notes[lang]!))
        if (opening(slide.notes[other]!) !== opening(slide.notes[lang]!))
          expect(text, `notes of slide ${slide.no} in ${other}`).not.toContain(opening(slide.notes[other]!))
      }
    })
  }
})
