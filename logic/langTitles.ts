import type { Lang } from '../common/lang'
import { LANGS } from '../common/lang'

/** A slide's title per language, as markdown (what follows the `#`). */
export type LangTitles = Partial<Record<Lang, string>>

const TAGS: Record<Lang, string> = { nl: 'Nl', en: 'En' }
const HEADING = /^#{1,3}\s+(\S.*)$/m
// A `# comment` in a fenced code block is not a heading (Slidev's own title rule skips code blocks too).
const CODE_BLOCK = /^```[\s\S]+?^```/gm

/** Each language's title of a slide: the first heading inside its `<Nl>` / `<En>` block. */
export function langTitles(content: string): LangTitles {
  const titles: LangTitles = {}
  for (const lang of LANGS) {
    const block = new RegExp(`<${TAGS[lang]}>([\\s\\S]*?)</${TAGS[lang]}>`).exec(content)?.[1]
    const heading = block && HEADING.exec(block.replace(CODE_BLOCK, ''))?.[1]?.trim()
    if (heading)
      titles[lang] = heading
  }
  return titles
}

/** A heading as the audience reads it: without markdown's inline marks. */
export function plainTitle(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1').replace(/(\*\*|__|\*|_)(\S[^*_]*)\1/g, '$2').trim()
}
