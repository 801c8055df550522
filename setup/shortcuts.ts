import type { NavOperations, ShortcutOptions } from '@slidev/types'
import { defineShortcutsSetup } from '@slidev/types'
import { useLang } from '../composables/useLang'
import { DEMO_KEYS, pressDemoKey } from '../logic/demoControls'
import { pressQuestionKey, QUESTION_KEYS } from '../logic/questionControls'

// L switches the language. The demo keys (k s x n c r p y 0 b, see logic/demoControls.ts) act only where the
// presenter's controls are mounted: on a demo slide, in the presenter window. So do the Q&A's q and a
// (logic/questionControls.ts), on any slide.
export default defineShortcutsSetup((_nav: NavOperations, base: ShortcutOptions[]) => {
  const { toggle } = useLang()
  return [
    ...base,
    { name: 'toggle_language', key: 'l', fn: toggle },
    ...DEMO_KEYS.map(key => ({
      name: `demo_${key}`,
      key,
      fn: () => pressDemoKey(key),
    })),
    ...QUESTION_KEYS.map(key => ({
      name: `question_${key}`,
      key,
      fn: () => pressQuestionKey(key),
    })),
  ]
})
