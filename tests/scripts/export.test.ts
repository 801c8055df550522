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
import { pageText, pageXml, pdfInfo, popplerTool } from '../helpers/pdf'

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

const squash = (text: string) => text.replace(/\s+/g, '')
/** Letters and digits only: markdown marks, quotes and line breaks differ between a note's source and its PDF text. */
const letters = (text: string) => text.normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '')
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(pdfInfo(pdf))?.[1])
const pdfTitle = (pdf: string) => /^Title:[ \t]+(\S.*)$/m.exec(pdfInfo(pdf))?.[1]
/** Chromium's A4, in pt. */
const A4_WIDTH_PT = 594.96
/** The handout's floor: no type under 7 pt on A4. */
const MIN_PT = 7
function unescapeXml(text: string) {
  return text.replace(/&(amp|lt|gt|quot|#39|#34);/g, (_, name: string) => ({
    'amp': '&',
    'lt': '<',
    'gt': '>',
    'quot': '"',
    '#39': '\'',
    '#34': '"',
  })[name]!)
}
function pageLinks(pdf: string, page: number) {
  return [
    ...pageXml(pdf, page).matchAll(/<a href="([^"]*)"/g),
  ].map(match => unescapeXml(match[1]!))
}
/**
 * The smallest type on one page, in pt, with its text. poppler gives a font's size at its zoom rounded down, so a size
 * it reports is never more than the printed one.
 */
function smallestType(pdf: string, page: number): { pt: number, text: string } {
  const xml = pageXml(pdf, page)
  const pageWidth = Number(/<page [^>]*width="([\d.]+)"/.exec(xml)?.[1])
  // pdftohtml's zoom (3) as the page's width shows it, to the rounding of that width.
  const zoom = Math.round(pageWidth / A4_WIDTH_PT * 100) / 100
  const sizes = new Map([
    ...xml.matchAll(/<fontspec id="(\d+)" size="(-?\d+)"/g),
  ].map(match => [match[1]!, Number(match[2]) / zoom]))
  const runs = [
    ...xml.matchAll(/<text [^>]*font="(\d+)"[^>]*>(.*?)<\/text>/g),
  ]
    .map(match => ({
      pt: sizes.get(match[1]!)!,
      text: unescapeXml(match[2]!.replace(/<[^>]+>/g, '')).trim(),
    }))
    .filter(run => run.text)
  expect(runs.length, `text on page ${page}`).toBeGreaterThan(0)
  return runs.reduce((least, run) => run.pt < least.pt
    ? run
    : least)
}
/** A slide's source links, as its notes in `slides.md` give them. */
function sourceLinks(note: string) {
  return [
    ...(/\*\*(?:Bronnen|Sources):\*\*(.*)/.exec(note)?.[1] ?? '').matchAll(/\]\((https?:[^)\s]+)\)/g),
  ].map(match => match[1]!)
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
    const withNotes = `${OUT}/${HANDOUT_NAMES[lang]}.with-notes.pdf`

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
      popplerTool('pdftoppm', [
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

    for (const [what, pdf] of [
      ['slides', handout],
      ['handout with notes', withNotes],
    ] as const) {
      it(`${lang}: the demo pages of the ${what} show the shipped recording: its commits and its events, in ${lang}`, () => {
        const pagesOf = (title: string) => pageText(pdf, slides.find(s => s.titles.en?.startsWith(title))!.no)
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
    }

    it(`${lang}: the handout with notes has each slide with its ${lang} notes below it`, () => {
      expect(pages(withNotes)).toBe(slides.length)
      expect(pdfInfo(withNotes)).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/)
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

    it(`${lang}: in the handout with notes each slide is text, not a picture, and its sources are links`, () => {
      for (const slide of slides) {
        // pdftotext reads the page top down: the slide, then its number, title and notes.
        const [onSlide] = pageText(withNotes, slide.no).split(`${slide.no}/${slides.length}`)
        expect(squash(onSlide!), `the slide on page ${slide.no} as text`).toContain(squash(slide.titles[lang]!))
        const links = pageLinks(withNotes, slide.no)
        for (const url of sourceLinks(slide.notes[lang]!))
          expect(links, `page ${slide.no}: a link to ${url}`).toContain(url)
      }
      expect(slides.filter(slide => sourceLinks(slide.notes[lang]!).length).length, 'slides with sources').toBeGreaterThan(10)
    })

    it(`${lang}: the handout with notes has no type under ${MIN_PT} pt on A4, on the demo pages neither`, () => {
      const demoPages = slides.filter(slide => slide.frontmatter.layout === 'demo').map(slide => slide.no)
      expect(demoPages.length).toBeGreaterThanOrEqual(5)
      for (const slide of slides) {
        const least = smallestType(withNotes, slide.no)
        expect(least.pt, `page ${slide.no}${demoPages.includes(slide.no)
          ? ' (demo)'
          : ''}: "${least.text}"`).toBeGreaterThanOrEqual(MIN_PT)
      }
      popplerTool('pdftoppm', [
        '-r',
        '80',
        '-png',
        '-f',
        String(demoPages[0]),
        '-l',
        String(demoPages[0]),
        withNotes,
        `${OUT}/pages/${lang}-with-notes`,
      ])
    })
  }
})
