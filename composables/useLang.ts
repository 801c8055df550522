import type { Lang } from '../common/lang'
import { createSyncState } from '@slidev/client'
import serverLang from 'server-reactive:lang'
import { computed, watch } from 'vue'
import { deckLang } from '../common/lang'

interface LangState { lang: Lang }

// The same sync Slidev uses for the slide position: the dev server holds the value and
// every window (presenter, audience, other devices) follows it; a static build uses a BroadcastChannel.
const sync = createSyncState<LangState>(serverLang, { lang: __DECK_LANG__ })
let started = false

/** Start syncing once per window; a `?lang=` in the URL wins at load time. */
export function startLangSync(url: URL, root: HTMLElement) {
  if (started)
    return
  started = true
  sync.init('gitops-in-practice-lang')
  const asked = url.searchParams.get('lang')
  if (asked)
    sync.state.lang = deckLang(asked)
  watch(() => sync.state.lang, (lang) => {
    root.dataset.lang = lang
    root.lang = lang
  }, { immediate: true })
}

export function useLang() {
  const lang = computed<Lang>({
    get: () => sync.state.lang,
    set: value => sync.state.lang = value,
  })
  const toggle = () => lang.value = lang.value === 'nl'
    ? 'en'
    : 'nl'
  return { lang, toggle }
}
