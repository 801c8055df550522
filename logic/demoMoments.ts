// Which moments of the shipped recording each demo slide shows on paper, and what each moment is called.
import type { Lang } from '../common/lang'
import type { KeyMoment } from '../common/recording/key-frames'
import type { DemoStep } from './demoControls'

export const STEP_MOMENTS: Record<DemoStep, KeyMoment[]> = {
  drift: [
    'drift',
    'outOfSync',
    'healing',
    'healed',
  ],
  commit: ['commit', 'syncing', 'rolledOut'],
  revert: ['revert', 'back'],
  recover: [
    'deleted',
    'missing',
    'retrying',
    'recreated',
    'recovered',
  ],
  race: ['race', 'raced'],
  playground: ['healed', 'rolledOut', 'back', 'raced'],
}

export const MOMENT_NAMES: Record<KeyMoment, Record<Lang, string>> = {
  drift: { nl: 'kubectl wijzigt de kleur', en: 'kubectl changes the colour' },
  outOfSync: { nl: 'Argo CD: OutOfSync', en: 'Argo CD: OutOfSync' },
  healing: { nl: 'self-heal: sync', en: 'self-heal: sync' },
  healed: { nl: 'hersteld uit Git', en: 'healed from Git' },
  commit: { nl: 'git commit + push', en: 'git commit + push' },
  syncing: { nl: 'auto-sync loopt', en: 'auto-sync running' },
  rolledOut: { nl: 'gedeployd', en: 'rolled out' },
  revert: { nl: 'git revert + push', en: 'git revert + push' },
  back: { nl: 'terug bij het begin', en: 'back where we started' },
  deleted: { nl: 'namespace verwijderd', en: 'namespace deleted' },
  missing: { nl: 'Argo CD: Missing', en: 'Argo CD: Missing' },
  retrying: { nl: 'sync mislukt: nieuwe poging', en: 'sync failed: retrying' },
  recreated: { nl: 'namespace opnieuw gemaakt', en: 'namespace recreated' },
  recovered: { nl: 'hersteld uit Git', en: 'rebuilt from Git' },
  race: { nl: 'twee pushes', en: 'two pushes' },
  raced: { nl: 'beide commits live', en: 'both commits live' },
}
