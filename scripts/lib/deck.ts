import type { Lang } from '../../common/lang'
import { readFile } from 'node:fs/promises'
import { parse } from '@slidev/parser'
import { LANGS } from '../../common/lang'
import { langTitles, plainTitle } from '../../logic/langTitles'

export const SLIDES_PATH = new URL('../../slides.md', import.meta.url).pathname

export interface DeckSlide {
  no: number
  frontmatter: Record<string, unknown>
  titles: Partial<Record<Lang, string>>
  notes: Partial<Record<Lang, string>>
  content: string
}

function noteBlock(note: string, lang: Lang): string | undefined {
  const text = new RegExp(`<div lang="${lang}">([\\s\\S]*?)</div>`).exec(note)?.[1]?.trim()
  return text || undefined
}

/** `slides.md` as Slidev's own parser sees it, with each slide's title and notes per language. */
export async function loadDeck(): Promise<DeckSlide[]> {
  const markdown = await parse(await readFile(SLIDES_PATH, 'utf8'), SLIDES_PATH)
  return markdown.slides.map((slide, index) => {
    // The same reading as setup/preparser.ts, which gives Slidev these titles.
    const markdownTitles = langTitles(slide.content)
    const titles: DeckSlide['titles'] = {}
    const notes: DeckSlide['notes'] = {}
    for (const lang of LANGS) {
      const title = markdownTitles[lang] && plainTitle(markdownTitles[lang])
      if (title)
        titles[lang] = title
      const note = noteBlock(slide.note ?? '', lang)
      if (note)
        notes[lang] = note
    }
    return {
      no: index + 1,
      frontmatter: slide.frontmatter,
      titles,
      notes,
      content: slide.content,
    }
  })
}
