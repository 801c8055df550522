// The deck's legibility budget (DESIGN.md "The stage"), measured in a real browser on the slide on screen.
import type { Page } from 'playwright-core'
import { readFileSync } from 'node:fs'

export interface MeasuredText { text: string, size: number, kind: 'code' | 'caption' | 'body' | 'text', opacity: number, outside: boolean, cut: boolean, chars: number }

export const BUDGET = {
  /** Nothing visible is smaller. */
  floor: 16,
  /** Body text (paragraphs, list items, table cells). */
  body: 20,
  /** Code. */
  code: 16,
  /** Effective opacity under which text counts as dimmed. */
  dimmed: 0.75,
} as const

const probe = readFileSync(new URL('./legibility-probe.js', import.meta.url), 'utf8')

/** Every visible text node of slide `no` as the room sees it. */
export async function measureSlide(page: Page, no: number): Promise<MeasuredText[]> {
  const result = await page.evaluate(`(() => { ${probe}; return probeSlide(${no}) })()`) as { texts?: MeasuredText[], error?: string }
  if (!result.texts)
    throw new Error(result.error ?? `slide ${no}: nothing measured`)
  return result.texts
}

/** What breaks the budget on one slide at one click: too small, outside the canvas, or cut off. */
export function budgetViolations(texts: MeasuredText[]): string[] {
  const problems: string[] = []
  for (const text of texts) {
    const minimum = text.kind === 'body'
      ? BUDGET.body
      : text.kind === 'code'
        ? BUDGET.code
        : BUDGET.floor
    if (text.size < minimum - 0.05)
      problems.push(`"${text.text}" is ${text.size} px (${text.kind}, minimum ${minimum})`)
    if (text.outside)
      problems.push(`"${text.text}" is outside the canvas`)
    if (text.cut)
      problems.push(`"${text.text}" is cut off by its box`)
  }
  return problems
}

/** The share of visible characters that are dimmed. */
export function dimmedShare(texts: MeasuredText[]): number {
  const total = texts.reduce((sum, text) => sum + text.chars, 0)
  const dimmed = texts.filter(text => text.opacity < BUDGET.dimmed).reduce((sum, text) => sum + text.chars, 0)
  return total === 0
    ? 0
    : dimmed / total
}
