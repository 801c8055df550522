// The change between two numbered states, as RFC 6902 operations.
import { z } from 'zod'

const pointer = z.string().regex(/^(\/.*)?$/, 'a JSON pointer starts with "/"')
/**
 * An operation's value is checked where it lands, by the demo state's schema (the follower and a recording's reader
 * validate the patched state): checking it here too as JSON cost each viewer more than the rest of the patch.
 */
const patchValue = z.unknown().refine(value => value !== undefined, 'an operation needs a value')

/** One RFC 6902 operation, as `rfc6902`'s createPatch writes them: the `patch` event and a recording carry these. */
export const patchOperationSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('add'),
    path: pointer,
    value: patchValue,
  }),
  z.object({
    op: z.literal('replace'),
    path: pointer,
    value: patchValue,
  }),
  z.object({
    op: z.literal('test'),
    path: pointer,
    value: patchValue,
  }),
  z.object({
    op: z.literal('remove'),
    path: pointer,
  }),
  z.object({
    op: z.literal('move'),
    path: pointer,
    from: pointer,
  }),
  z.object({
    op: z.literal('copy'),
    path: pointer,
    from: pointer,
  }),
])

export type PatchOperation = z.infer<typeof patchOperationSchema>

/** The change from state `seq - 1` to state `seq`. */
export const statePatchSchema = z.object({
  seq: z.int().nonnegative(),
  ops: z.array(patchOperationSchema),
})

export type StatePatch = z.infer<typeof statePatchSchema>
