// One shiki highlighter for YAML that changes at run time (git's HEAD on the demo slides), loaded on first use:
// the JavaScript regex engine and the deck's own code theme, nothing fetched from the network.
import type { HighlighterCore } from 'shiki/core'
import { createHighlighterCore } from 'shiki/core'
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript'

export const YAML_THEME = 'github-light-high-contrast'

let highlighter: Promise<HighlighterCore> | undefined

export function yamlHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import('@shikijs/themes/github-light-high-contrast')],
    langs: [import('@shikijs/langs/yaml')],
    engine: createJavaScriptRegexEngine(),
  })
  return highlighter
}
