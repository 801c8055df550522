import process from 'node:process'
import { defineConfig } from 'vite'
import { deckLang } from './common/lang.ts'
import { demoBridge } from './server/deck-bridge/vite-plugin.ts'

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
      'zod',
      'yaml',
      '@vueuse/core',
      'rfc6902',
      'shiki/core',
      'shiki/engine/javascript',
      '@shikijs/langs/yaml',
      '@shikijs/themes/github-light-high-contrast',
      '@shikijs/magic-move/vue',
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
