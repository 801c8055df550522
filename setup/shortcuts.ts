import type { NavOperations, ShortcutOptions } from '@slidev/types'
import { defineShortcutsSetup } from '@slidev/types'
import { useLang } from '../composables/useLang'

export default defineShortcutsSetup((_nav: NavOperations, base: ShortcutOptions[]) => {
  const { toggle } = useLang()
  return [
    ...base,
    { name: 'toggle_language', key: 'l', fn: toggle },
  ]
})
