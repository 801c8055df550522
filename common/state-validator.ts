// Validates the demo state as the deck receives it, part by part, and each part once. A patch replaces only the
// objects on its paths (StateFollower copies on write), so the parts it did not touch, and the timeline entries it
// did not add, are the very objects validated before: their parsed copies are used again. The result is what
// demoStateSchema gives for the whole state (tests/common/state-validator.test.ts holds it to that).
import type { z } from 'zod'
import type { DemoState } from './protocol'
import { ZodArray } from 'zod'
import { demoStateSchema } from './protocol'

type Parsed = { ok: true, value: unknown } | { ok: false }

const parts = Object.entries(demoStateSchema.shape) as [string, z.ZodType][]

export class StateValidator {
  /** Per schema: the parsed copy of every object validated with it that is still in use. */
  private readonly parsed = new Map<z.ZodType, WeakMap<object, unknown>>()

  /** The state, validated and stripped of unknown fields; undefined when it is not a demo state. */
  validate(raw: unknown): DemoState | undefined {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return undefined
    const state: Record<string, unknown> = {}
    for (const [key, schema] of parts) {
      const value = (raw as Record<string, unknown>)[key]
      const result = this.part(schema, value)
      if (!result.ok)
        return undefined
      if (key in raw)
        state[key] = result.value
    }
    return state as DemoState
  }

  /** A list is checked entry by entry (a patch adds or changes a few of the timeline's hundred entries). */
  private part(schema: z.ZodType, value: unknown): Parsed {
    if (!(schema instanceof ZodArray) || !Array.isArray(value) || schema.def.checks?.length)
      return this.once(schema, value)
    const items: unknown[] = []
    for (const item of value) {
      const result = this.once(schema.element as z.ZodType, item)
      if (!result.ok)
        return result
      items.push(result.value)
    }
    return { ok: true, value: items }
  }

  private once(schema: z.ZodType, value: unknown): Parsed {
    const isObject = typeof value === 'object' && value !== null
    let seen = this.parsed.get(schema)
    if (isObject && seen?.has(value)) {
      return {
        ok: true,
        value: seen.get(value),
      }
    }
    const result = schema.safeParse(value)
    if (!result.success)
      return { ok: false }
    if (isObject) {
      if (!seen) {
        seen = new WeakMap()
        this.parsed.set(schema, seen)
      }
      seen.set(value, result.data)
    }
    return { ok: true, value: result.data }
  }
}
