import { defineAppSetup } from '@slidev/types'
import { startLangSync } from '../composables/useLang'

export default defineAppSetup(() => {
  startLangSync(new URL(window.location.href), document.documentElement)
})
