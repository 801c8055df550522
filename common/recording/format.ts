// A recording of the demo, one JSON entry per line (JSON Lines), so a file cut short by a crash or a power
// loss still replays up to its last complete line. Browser-safe: the static deck parses it too.
import { z } from 'zod'
import { actionRequestSchema, actionResponseSchema, demoStateSchema, patchOperationSchema, recordedModes } from '../protocol'

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
export type RecordingEntry = z.infer<typeof recordingEntrySchema>
