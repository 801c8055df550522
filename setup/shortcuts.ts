import type { NavOperations, ShortcutOptions } from '@slidev/types'
import { defineShortcutsSetup } from '@slidev/types'
import { DEMO_KEYS, pressDemoKey } from '../composables/demoControls'
import { useLang } from '../composables/useLang'

// L switches the language. The demo keys (k s x c r p y 0, see composables/demoControls.ts) act only where the
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
