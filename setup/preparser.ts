import { definePreparserSetup } from '@slidev/types'
import { langTitles } from '../logic/langTitles'

// Slidev titles a slide by its first heading, which in this deck is always the Dutch one. Both headings go into the
// slide's frontmatter as `titles`; setup/vite-plugins.ts (title renderer) and setup/root.ts (route meta, tab) use them.
export default definePreparserSetup(() => [
  {
    name: 'lang-titles',
    async transformSlide(content, frontmatter: Record<string, unknown>) {
      const titles = langTitles(content)
      if (Object.keys(titles).length > 0)
        frontmatter.titles = titles
      return undefined
    },
  },
])
