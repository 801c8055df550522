import type { SlideInfo } from '@slidev/types'
import type { LangTitles } from '../logic/langTitles'
import { join } from 'node:path'
import { defineVitePluginsSetup } from '@slidev/types'
import { LANGS } from '../common/lang'

// Slidev 53's title renderer (`#slidev/title-renderer`, used by the goto dialog and <Toc>) is this markdown module,
// compiled from each slide's first heading. Slidev reloads it whenever slides.md changes; loaded here first, it holds
// every language's heading and shows the chosen one.
const TITLE_RENDERER = '/@slidev/title-renderer.md'

export function titleRenderer(slides: SlideInfo[], useLangPath: string): string {
  const branches = slides.flatMap((slide, index) => {
    const no = index + 1
    const titles = (slide.frontmatter.titles ?? {}) as LangTitles
    return [
      ...LANGS.filter(lang => titles[lang]).map(lang => ({ when: `no === ${no} && lang === '${lang}'`, markdown: titles[lang]! })),
      // Slidev's own title (the first heading) for a slide or a language without its heading.
      ...slide.title
        ? [
            { when: `no === ${no}`, markdown: slide.title },
          ]
        : [],
    ]
  })
  return [
    ...branches.map(({ when, markdown }, index) => `<template ${index === 0
      ? 'v-if'
      : 'v-else-if'}="${when}">\n\n${markdown}\n\n</template>`),
    '<script setup lang="ts">',
    `import { useSlideContext } from '@slidev/client/context.ts'`,
    `import { computed } from 'vue'`,
    `import { useLang } from ${JSON.stringify(useLangPath)}`,
    'const props = defineProps<{ no?: number | string }>()',
    'const { $page } = useSlideContext()',
    'const no = computed(() => +(props.no ?? $page.value))',
    'const { lang } = useLang()',
    '</script>',
  ].join('\n')
}

export default defineVitePluginsSetup(options => ({
  name: 'deck:lang-title-renderer',
  load: {
    order: 'pre',
    handler(id) {
      if (id !== TITLE_RENDERER)
        return null
      return {
        code: titleRenderer(options.data.slides, join(options.userRoot, 'composables/useLang.ts')),
        map: { mappings: '' },
      }
    },
  },
}))
