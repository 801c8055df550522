import type { Lang } from '../../common/lang'

/** File names of the handouts, without extension, per language. */
export const HANDOUT_NAMES: Record<Lang, string> = {
  nl: 'gitops-in-de-praktijk.nl',
  en: 'gitops-in-practice.en',
}
