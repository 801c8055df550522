export type Lang = 'nl' | 'en'
export const LANGS: readonly Lang[] = ['nl', 'en']

/** The deck's starting language: Dutch unless `en` is asked for. */
export function deckLang(value: string | undefined | null): Lang {
  return value === 'en'
    ? 'en'
    : 'nl'
}
