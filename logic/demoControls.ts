import type { DemoState, PresenterRequest } from '../common/protocol'
import { ref } from 'vue'
import { DEMO_COLORS } from '../common/demo-colors'
// The presenter's demo actions per demo slide, each with its keyboard shortcut (setup/shortcuts.ts) and its words.
import { PODINFO_APP } from '../common/manifests'

export const DEMO_STEPS = [
  'drift',
  'commit',
  'revert',
  'recover',
  'race',
  'playground',
] as const
export type DemoStep = (typeof DEMO_STEPS)[number]

export const { drift: DRIFT_COLOR, commit: COMMIT_COLOR, race: RACE_COLOR } = DEMO_COLORS

/** A race needs a change of ours that git does not have yet: asked "once more?" in the Q&A, `p` races again. */
export function raceColor(state: DemoState | undefined): string {
  return state?.git.desired?.color?.toLowerCase() === RACE_COLOR
    ? DEMO_COLORS.raceAgain
    : RACE_COLOR
}

export interface DemoControl {
  key: string
  nl: string
  en: string
  request: (state: DemoState | undefined) => PresenterRequest
}

const controls = {
  driftColor: {
    key: 'k',
    nl: `kubectl: kleur ${DRIFT_COLOR}`,
    en: `kubectl: colour ${DRIFT_COLOR}`,
    request: () => ({ type: 'drift.setColor', color: DRIFT_COLOR }),
  },
  driftScale: {
    key: 's',
    nl: 'kubectl scale --replicas=4',
    en: 'kubectl scale --replicas=4',
    request: () => ({ type: 'drift.scale', replicas: 4 }),
  },
  deletePod: {
    key: 'x',
    nl: 'kubectl delete pod',
    en: 'kubectl delete pod',
    request: (state) => {
      const pod = state?.podinfo.pods.find(candidate => candidate.phase === 'Running')?.name
      return pod
        ? { type: 'drift.deletePod', pod }
        : { type: 'drift.deletePod' }
    },
  },
  // Demo 4: the namespace and all in it gone; Argo CD rebuilds it from git (refused where it would not).
  deleteNamespace: {
    key: 'n',
    nl: 'kubectl delete namespace podinfo',
    en: 'kubectl delete namespace podinfo',
    request: () => ({ type: 'drift.deleteNamespace' }),
  },
  commit: {
    key: 'c',
    nl: `git commit: kleur ${COMMIT_COLOR}`,
    en: `git commit: colour ${COMMIT_COLOR}`,
    request: () => ({ type: 'git.setColor', color: COMMIT_COLOR }),
  },
  revert: {
    key: 'r',
    nl: 'git revert HEAD',
    en: 'git revert HEAD',
    request: () => ({ type: 'git.revert' }),
  },
  race: {
    key: 'p',
    nl: 'twee pushes tegelijk',
    en: 'two pushes at once',
    request: state => ({
      type: 'git.race',
      color: raceColor(state),
    }),
  },
  sync: {
    key: 'y',
    nl: 'argocd app sync podinfo',
    en: 'argocd app sync podinfo',
    request: () => ({ type: 'app.sync', app: PODINFO_APP }),
  },
  reset: {
    key: '0',
    nl: 'demo terugzetten',
    en: 'reset the demo',
    request: () => ({ type: 'demo.reset' }),
  },
} satisfies Record<string, DemoControl>

export const controlsByStep: Record<DemoStep, DemoControl[]> = {
  drift: [controls.driftColor, controls.driftScale, controls.deletePod],
  commit: [controls.commit, controls.revert],
  revert: [controls.revert, controls.commit],
  recover: [controls.deleteNamespace],
  race: [controls.race],
  playground: [
    controls.driftColor,
    controls.driftScale,
    controls.deletePod,
    controls.deleteNamespace,
    controls.commit,
    controls.revert,
    controls.race,
    controls.sync,
    controls.reset,
  ],
}

/** Live cluster down: continue with the latest recording; cluster back: return to live. Never by itself. */
export const SWITCH_KEY = 'b'

export const DEMO_KEYS = [
  ...new Set([
    ...Object.values(controls).map(control => control.key),
    SWITCH_KEY,
  ]),
]

/** A demo key the presenter pressed: the controls of the slide on screen (presenter window only) act on it. */
export const pressedDemoKey = ref<{ key: string, at: number }>()

export function pressDemoKey(key: string) {
  pressedDemoKey.value = {
    key,
    at: performance.now(),
  }
}
