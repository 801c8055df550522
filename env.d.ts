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

// Slidev's slide position, held by its dev server (vite-plugin-vue-server-ref): the phone view follows it read-only.
declare module 'server-reactive:nav' {
  const state: {
    page: number
    clicks: number
    /** false: local changes are not sent to the server. */
    $syncUp: boolean
    /** Called with what the server sends, before it is applied. */
    $onSet: (fn: (data: unknown) => void) => void
    $onPatch: (fn: (patch: unknown) => void) => void
  }
  export default state
}
