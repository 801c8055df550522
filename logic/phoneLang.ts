// A phone's own language: what it chose before (kept on the phone), else what it asked for in its URL, else the
// phone's own language when the deck speaks it, else the deck's. Never the projector's business.
import type { Lang } from '../common/lang'
import { LANGS } from '../common/lang'

export const PHONE_LANG_KEY = 'gitops-in-practice-phone-lang'

function asLang(value: string | null | undefined): Lang | undefined {
  const code = value?.toLowerCase().split('-')[0]
  return LANGS.find(lang => lang === code)
}

export function initialPhoneLang(options: { asked?: string | null, stored?: string | null, browser?: readonly string[], deck: Lang }): Lang {
  return asLang(options.asked)
    ?? asLang(options.stored)
    ?? asLang((options.browser ?? [])[0])
    ?? options.deck
}
