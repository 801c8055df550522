import type { NavOperations, ShortcutOptions } from '@slidev/types'
import { defineShortcutsSetup } from '@slidev/types'
import { useLang } from '../composables/useLang'
import { DEMO_KEYS, pressDemoKey } from '../logic/demoControls'

// L switches the language. The demo keys (k s x c r p y 0, see logic/demoControls.ts) act only where the
// presenter's controls are mounted: on a demo slide, in the presenter window.
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
  ]
})
