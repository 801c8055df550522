import type { LangTitles } from '../logic/langTitles'
import { configs, useNav } from '@slidev/client'
import { defineRootSetup } from '@slidev/types'
import { useHead } from '@unhead/vue'
import { computed, watch, watchEffect } from 'vue'
import { useLang } from '../composables/useLang'
import { plainTitle } from '../logic/langTitles'

// Slidev's own titles follow the chosen language in every window: the overview page, the goto dialog's search,
// <Toc>, the notes print (all read `route.meta.slide.title`) and the browser tab. The titles per language come
// from setup/preparser.ts; the goto dialog and <Toc> render theirs through setup/vite-plugins.ts.
export default defineRootSetup(() => {
  const { slides } = useNav()
  const { lang } = useLang()
  const titleOf = (no: number) => {
    const titles = slides.value[no - 1]?.meta.slide.frontmatter.titles as LangTitles | undefined
    const title = titles?.[lang.value]
    return title && plainTitle(title)
  }

  // `meta.slide` is a plain object inside Slidev's shallowReactive route meta: replacing it is what readers see change.
  watchEffect(() => {
    for (const route of slides.value) {
      const title = titleOf(route.no)
      if (title && route.meta.slide.title !== title)
        route.meta.slide = { ...route.meta.slide, title }
    }
  })

  // Slidev titles every page after the headmatter `title` (both languages); the tab shows the cover's title instead.
  const deckTitle = computed(() => titleOf(1))
  const inLang = (localized: string | undefined) => ({
    titleTemplate: (title?: string) => localized && title
      ? title.replace(configs.title, localized)
      : title ?? null,
  })
  const head = useHead(inLang(deckTitle.value))
  watch(deckTitle, localized => head.patch(inLang(localized)))
})
