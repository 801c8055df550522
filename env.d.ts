/// <reference types="vite/client" />
/// <reference types="@slidev/types/client" />

declare const __DECK_LANG__: 'nl' | 'en'
/** Where phones join (`npm run dev -- --remote`: this machine's LAN address), else ''. */
declare const __DECK_JOIN_URL__: string
/** The repository Argo CD watches, as a browser opens it (from apps/root.yaml). */
declare const __DECK_REPO_URL__: string
// Slidev's compile-time flag: true under `slidev` (dev), false in `slidev build` and export.
declare const __DEV__: boolean

// The deck language, held by the Slidev dev server (vite.config.ts `slidev.serverRef.state.lang`).
declare module 'server-reactive:lang' {
  const state: { lang: 'nl' | 'en' }
  export default state
}
