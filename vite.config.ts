import type { Plugin } from 'vite'
import process from 'node:process'
import { defineConfig } from 'vite'
import { deckLang } from './common/lang.ts'
import { demoBridge } from './server/deck-bridge/vite-plugin.ts'

const lang = deckLang(process.env.DECK_LANG)

/**
 * Mermaid's own bundle registers every layout engine, each a chunk loaded on first use: this deck's diagrams
 * (flowchart, sequenceDiagram) lay out with dagre, never with ELK (elkjs, the largest chunk of the build) or
 * cose-bilkent (mindmaps). Those two chunks become a stub that says so, as mermaid's own tiny build leaves them out.
 */
function mermaidWithoutUnusedLayouts(): Plugin {
  const stub = '\0mermaid-layout-left-out'
  return {
    name: 'mermaid-without-unused-layouts',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer?.includes('/mermaid/dist/') && /^\.\/(?:elk|cose-bilkent)-\w+\.mjs$/.test(source))
        return stub
    },
    load(id) {
      if (id === stub)
        return 'export function render() { throw new Error(\'this deck leaves mermaid\\\'s ELK and cose-bilkent layouts out (vite.config.ts): use dagre\') }\n'
    },
  }
}

export default defineConfig({
  // Slidev's own code.css trips lightningcss with the unocss 66.10.5 pin ("Invalid token in pseudo element").
  build: { cssMinify: false },
  define: {
    __DECK_LANG__: JSON.stringify(lang),
  },
  plugins: [
    mermaidWithoutUnusedLayouts(),
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
