// The demo's whole state as the deck shows it: Argo CD's Applications, podinfo in the cluster, git, the timeline.
import { z } from 'zod'
import { isoTime } from './fields'
import { connectionStates, healthStatuses, namespacePhases, operationPhases, podPhases, syncInitiators, syncStatuses } from './statuses'
import { timelineEntrySchema } from './timeline'

export const operationSchema = z.object({
  phase: z.enum(operationPhases),
  message: z.string().optional(),
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  /** Why the operation ran: 'manual', 'automated' (new revision), 'self-heal', or 'unknown'. */
  initiatedBy: z.enum(syncInitiators).optional(),
  /** A dry run: Argo CD validates the sync and changes nothing. */
  dryRun: z.boolean().optional(),
  /**
   * Argo CD is retrying a failed sync (the phase stays Running): `count` retries so far, at most `limit` (none: no
   * limit); while it waits, `nextAt` is when the next one starts.
   */
  retry: z.object({
    count: z.number(),
    limit: z.number().optional(),
    nextAt: isoTime.optional(),
  }).optional(),
})

export const applicationSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  project: z.string(),
  syncStatus: z.enum(syncStatuses),
  healthStatus: z.enum(healthStatuses),
  /** The revision Argo CD compared with; none while it cannot compare. For several sources, the first of `revisions`. */
  revision: z.string().optional(),
  /** Several sources: Argo CD's revision of each (Argo CD's UI shows the first "and (N) more"). */
  revisions: z.array(z.string()).optional(),
  operation: operationSchema.optional(),
  reconciledAt: isoTime.optional(),
  sourcePath: z.string().optional(),
  automated: z.object({
    prune: z.boolean(),
    selfHeal: z.boolean(),
  }).optional(),
  /** What explains the sync status: the resources that differ from git, the comparison error, else an error condition. */
  message: z.string().optional(),
  /** Argo CD's conditions (errors and warnings), all of them, in Argo CD's order. */
  conditions: z.array(z.object({
    type: z.string(),
    message: z.string(),
  })).optional(),
  /** Being deleted (it has a deletionTimestamp): Argo CD's UI says "Deleting". */
  deleting: z.boolean().optional(),
})

export const podSchema = z.object({
  name: z.string(),
  phase: z.enum(podPhases),
  /** kubectl's STATUS column, when it says more than `phase`: CrashLoopBackOff, ErrImagePull, Completed, Init:0/1 … */
  status: z.string().optional(),
  ready: z.boolean(),
  replicaSet: z.string().optional(),
  color: z.string().optional(),
})

export const replicaSetSchema = z.object({
  name: z.string(),
  revision: z.number(),
  replicas: z.number(),
  readyReplicas: z.number(),
  color: z.string(),
})

export const podinfoSchema = z.object({
  desiredReplicas: z.number(),
  readyReplicas: z.number(),
  updatedReplicas: z.number().optional(),
  image: z.string(),
  color: z.string(),
  message: z.string(),
  pods: z.array(podSchema),
  replicaSets: z.array(replicaSetSchema).optional(),
  /** The namespace podinfo lives in, while it is being deleted and after. */
  namespace: z.object({
    name: z.string(),
    phase: z.enum(namespacePhases),
  }).optional(),
})

export const commitSchema = z.object({
  sha: z.string(),
  subject: z.string(),
  author: z.string(),
  date: isoTime,
})

export const gitSchema = z.object({
  remote: z.string(),
  branch: z.string(),
  head: z.string(),
  log: z.array(commitSchema),
  /** The patch of the most recent change made through the demo (capped). */
  lastDiff: z.string().optional(),
  /** podinfo as git's HEAD declares it; `uiYaml` is the `ui` region of its deployment.yaml, exactly as the slide shows it. */
  desired: z.object({
    replicas: z.number(),
    color: z.string(),
    message: z.string(),
    uiYaml: z.string(),
  }).optional(),
})

export const recordedModes = ['simulated', 'live'] as const
export const demoModes = [...recordedModes, 'replay'] as const

/** A replayed demo: what was recorded, when, and with which versions. */
export const replayInfoSchema = z.object({
  recordedAt: isoTime,
  recordedMode: z.enum(recordedModes),
  /** The recording's file name (never a path). */
  name: z.string(),
  /** This repository's version when it was recorded (git describe, or the package version). */
  repoVersion: z.string().optional(),
  /** The cluster's Argo CD version, for a live recording. */
  argoCdVersion: z.string().optional(),
  /** The server's own backend, when the presenter switched from it to this recording: the way back. */
  returnTo: z.object({
    mode: z.enum(recordedModes),
    connection: z.enum(connectionStates),
    message: z.string().optional(),
  }).optional(),
})

export const demoStateSchema = z.object({
  /** `replay`: a recording is played (see `replay`), never the cluster itself. */
  mode: z.enum(demoModes),
  cluster: z.object({
    name: z.string(),
    connection: z.enum(connectionStates),
    message: z.string().optional(),
  }),
  applications: z.array(applicationSchema),
  podinfo: podinfoSchema,
  git: gitSchema,
  timeline: z.array(timelineEntrySchema),
  updatedAt: isoTime.optional(),
  /** Simulation (or replay) speed factor (1 = real time); absent in live mode. */
  speed: z.number().optional(),
  replay: replayInfoSchema.optional(),
})

export type Operation = z.infer<typeof operationSchema>
export type ApplicationState = z.infer<typeof applicationSchema>
export type PodState = z.infer<typeof podSchema>
export type ReplicaSetState = z.infer<typeof replicaSetSchema>
export type PodinfoState = z.infer<typeof podinfoSchema>
export type CommitInfo = z.infer<typeof commitSchema>
export type GitState = z.infer<typeof gitSchema>
export type DemoState = z.infer<typeof demoStateSchema>
export type DemoMode = DemoState['mode']
export type RecordedMode = (typeof recordedModes)[number]
export type ReplayInfo = z.infer<typeof replayInfoSchema>
