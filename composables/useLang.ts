import type { Lang } from '../common/lang'
import { createSyncState } from '@slidev/client'
import serverLang from 'server-reactive:lang'
import { computed, ref, watch } from 'vue'
import { deckLang } from '../common/lang'
import { isThisMachineHostname } from '../common/this-machine'
import { initialPhoneLang, PHONE_LANG_KEY } from '../logic/phoneLang'

interface LangState { lang: Lang }

// The room's language (projector and presenter) is the same sync Slidev uses for the slide position: the dev server
// holds it and every window on the presenter's machine follows it; a static build uses a BroadcastChannel. A phone
// (a window opened by any other address) has a language of its own, kept on the phone, and never writes the room's.
const sync = createSyncState<LangState>(serverLang, { lang: __DECK_LANG__ })
// /phone opened on the presenter's machine (a rehearsal) is a phone too.
const roomWindow = typeof location === 'undefined' || (isThisMachineHostname(location.hostname) && !location.pathname.startsWith('/phone'))
const phoneLang = ref<Lang>(sync.state.lang)
let started = false

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage
  }
  catch {
    return undefined
  }
}

function choosePhoneLang(lang: Lang) {
  phoneLang.value = lang
  storage()?.setItem(PHONE_LANG_KEY, lang)
}

/** Start once per window: on the presenter's machine a `?lang=` in the URL sets the room's language at load, on a phone its own. */
export function startLangSync(url: URL, root: HTMLElement) {
  if (started)
    return
  started = true
  const asked = url.searchParams.get('lang')
  if (roomWindow) {
    sync.init('gitops-in-practice-lang')
    if (asked)
      sync.state.lang = deckLang(asked)
  }
  else {
    phoneLang.value = initialPhoneLang({
      asked,
      stored: storage()?.getItem(PHONE_LANG_KEY),
      browser: globalThis.navigator?.languages,
      deck: sync.state.lang,
    })
    if (asked)
      choosePhoneLang(phoneLang.value)
  }
  const { lang } = useLang()
  watch(lang, (value) => {
    root.dataset.lang = value
    root.lang = value
  }, { immediate: true })
}

export function useLang() {
  const lang = computed<Lang>({
    get: () => roomWindow ? sync.state.lang : phoneLang.value,
    set: value => roomWindow
      ? sync.state.lang = value
      : choosePhoneLang(value),
  })
  const toggle = () => lang.value = lang.value === 'nl'
    ? 'en'
    : 'nl'
  return { lang, toggle, roomWindow }
}
