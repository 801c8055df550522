import { readFileSync } from 'node:fs'
import process from 'node:process'
import { defineConfig } from 'vite'
import { parse } from 'yaml'
import { deckLang } from './common/lang.ts'
import { browsableRepoUrl } from './common/repo-url.ts'
import { demoBridge } from './server/deck-bridge/vite-plugin.ts'

const lang = deckLang(process.env.DECK_LANG)
// The repository Argo CD watches (scripts/set-repo.sh keeps apps/root.yaml the one place for it).
const rootApp = parse(readFileSync(new URL('./apps/root.yaml', import.meta.url), 'utf8')) as { spec?: { source?: { repoURL?: string } } }
const repoUrl = browsableRepoUrl(rootApp.spec?.source?.repoURL ?? '')
// Set by `npm run dev -- --remote`: where phones join (this machine's LAN address).
const joinUrl = process.env.DECK_JOIN_URL ?? ''

export default defineConfig({
  // Set by scripts/lib/dev-server.ts: dev servers that run side by side (the browser tests) each pre-bundle into
  // their own folder. Sharing node_modules/.vite, one server's re-bundling made another's pages fail to load slides
  // ("504 Outdated Optimize Dep").
  ...(process.env.DECK_VITE_CACHE_DIR
    ? { cacheDir: process.env.DECK_VITE_CACHE_DIR }
    : {}),
  // Slidev's own code.css trips lightningcss with the unocss 66.10.5 pin ("Invalid token in pseudo element").
  build: { cssMinify: false },
  define: {
    __DECK_LANG__: JSON.stringify(lang),
    __DECK_JOIN_URL__: JSON.stringify(joinUrl),
    __DECK_REPO_URL__: JSON.stringify(repoUrl),
  },
  plugins: [
    demoBridge(Number(process.env.DEMO_PORT ?? 3031), { joinUrl }),
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
      'qrcode',
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
