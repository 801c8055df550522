import type { Lang } from './lang'

/**
 * The people the demo commits as. The simulated presenter and the colleague of the race are personas, so the
 * deck shows them in its language; any other author (a real presenter on the VM) is shown as git has it.
 */
export const DEMO_AUTHORS = {
  presenter: {
    name: 'Presenter',
    email: 'presenter@ops-demo.local',
    nl: 'Spreker',
    en: 'Presenter',
  },
  colleague: {
    name: 'A colleague',
    email: 'colleague@ops-demo.local',
    nl: 'Een collega',
    en: 'A colleague',
  },
} as const

/** `Name <email>`, as `git commit --author` takes it. */
export function authorOption(who: keyof typeof DEMO_AUTHORS): string {
  return `${DEMO_AUTHORS[who].name} <${DEMO_AUTHORS[who].email}>`
}

/** A commit's author as the deck shows it in `lang`. */
export function authorLabel(author: string, lang: Lang): string {
  return Object.values(DEMO_AUTHORS).find(persona => persona.name === author)?.[lang] ?? author
}
