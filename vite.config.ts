import process from 'node:process'
import { defineConfig } from 'vite'
import { deckLang } from './composables/lang-env.ts'
import { demoBridge } from './server/deck-bridge.ts'

const lang = deckLang(process.env.DECK_LANG)

export default defineConfig({
  // Slidev's own code.css trips lightningcss with the unocss 66.10.5 pin ("Invalid token in pseudo element").
  build: { cssMinify: false },
  define: {
    __DECK_LANG__: JSON.stringify(lang),
  },
  plugins: [
    demoBridge(Number(process.env.DEMO_PORT ?? 3031)),
  ],
  // The live components' dependencies, bundled at start: found later (on the first live slide), Vite re-bundles and
  // reloads the page mid-talk, and for a moment a page can hold two copies of Vue.
  optimizeDeps: {
    include: [
      'socket.io-client',
      'rfc6902',
      'zod',
      'yaml',
      '@vueuse/core',
    ],
  },
  slidev: {
    serverRef: {
      state: {
        lang: { lang },
      },
    },
  },
})
