// A recording of the demo, one JSON entry per line (JSON Lines), so a file cut short by a crash or a power
// loss still replays up to its last complete line. Browser-safe: the static deck parses it too.
import { z } from 'zod'
import { actionRequestSchema, demoStateSchema, recordedModes } from '../protocol'

export const RECORDING_FORMAT = 'gitops-demo-recording'
export const RECORDING_VERSION = 1

/** Milliseconds since the recording started. */
const offset = z.number().nonnegative()

export const recordingHeaderSchema = z.object({
  kind: z.literal('header'),
  format: z.literal(RECORDING_FORMAT),
  version: z.literal(RECORDING_VERSION),
  /** When the recording started; every `t` counts from here. */
  recordedAt: z.iso.datetime(),
  mode: z.enum(recordedModes),
  /** The cluster's name as the state showed it. */
  cluster: z.string(),
  /** This repository's version (git describe, or the package version). */
  repoVersion: z.string().optional(),
  /** The cluster's Argo CD version (live recordings). */
  argoCdVersion: z.string().optional(),
})

const pointer = z.string().regex(/^(\/.*)?$/, 'a JSON pointer starts with "/"')

/** RFC 6902 operations, as `rfc6902`'s createPatch writes them. */
export const patchOperationSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('add'),
    path: pointer,
    value: z.json(),
  }),
  z.object({
    op: z.literal('replace'),
    path: pointer,
    value: z.json(),
  }),
  z.object({
    op: z.literal('test'),
    path: pointer,
    value: z.json(),
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

export const stateEntrySchema = z.object({
  kind: z.literal('state'),
  t: offset,
  state: demoStateSchema,
})

export const patchEntrySchema = z.object({
  kind: z.literal('patch'),
  t: offset,
  patch: z.array(patchOperationSchema).min(1),
})

export const actionEntrySchema = z.object({
  kind: z.literal('action'),
  t: offset,
  id: z.int().positive(),
  request: actionRequestSchema,
})

export const actionResponseSchema = z.union([
  z.object({
    ok: z.literal(true),
    sha: z.string().optional(),
    theirs: z.string().optional(),
    rejected: z.number().optional(),
  }),
  z.object({
    ok: z.literal(false),
    error: z.string(),
  }),
])

export const ackEntrySchema = z.object({
  kind: z.literal('ack'),
  t: offset,
  id: z.int().positive(),
  response: actionResponseSchema,
})

export const endEntrySchema = z.object({
  kind: z.literal('end'),
  t: offset,
})

export const recordingEntrySchema = z.discriminatedUnion('kind', [
  recordingHeaderSchema,
  stateEntrySchema,
  patchEntrySchema,
  actionEntrySchema,
  ackEntrySchema,
  endEntrySchema,
])

export type RecordingHeader = z.infer<typeof recordingHeaderSchema>
export type PatchOperation = z.infer<typeof patchOperationSchema>
export type RecordingEntry = z.infer<typeof recordingEntrySchema>
export type RecordedResponse = z.infer<typeof actionResponseSchema>
