// What happened, for the deck's timeline: events as kinds with parameters, and who they come from.
import { z } from 'zod'
import { isoTime, reason, sha } from './fields'
import { apiProblemSchema, gitProblemSchema } from './problems'
import { healthStatuses, operationPhases, syncInitiators, syncStatuses } from './statuses'

export const timelineSources = [
  'presenter',
  'git',
  'argocd',
  'kubernetes',
] as const

/** A field where git and the live state differ: `app.outOfSync`'s `diffs`. */
export const driftFieldSchema = z.object({
  field: z.string(),
  git: z.string(),
  live: z.string(),
})

/**
 * What happened, as a kind with parameters: the deck words it in the chosen language. Commit subjects,
 * commands and the messages of Kubernetes, git and Argo CD are data and stay as they are.
 */
export const timelineEventSchema = z.discriminatedUnion('kind', [
  /** The command a presenter action stands for, as a terminal line. */
  z.object({
    kind: z.literal('command'),
    command: z.string(),
  }),
  z.object({
    kind: z.literal('race.started'),
  }),
  z.object({
    kind: z.literal('apps.summary'),
    count: z.number(),
    healthy: z.number(),
    sha: sha.optional(),
  }),
  /** `more`: the revisions of the other sources, for an Application with several (Argo CD: "and (N) more"). */
  z.object({
    kind: z.literal('app.revision'),
    app: z.string(),
    sha,
    path: z.string().optional(),
    more: z.number().optional(),
  }),
  /**
   * `diffs`: what differs (the simulation knows it); `resources`: the resources that differ from git, as Argo CD lists
   * them (live: "Deployment podinfo/podinfo"); `reason`: Argo CD's own condition message, when it lists none.
   */
  z.object({
    kind: z.literal('app.outOfSync'),
    app: z.string(),
    diffs: z.array(driftFieldSchema).optional(),
    resources: z.array(z.string()).optional(),
    reason: reason.optional(),
  }),
  z.object({
    kind: z.literal('app.synced'),
    app: z.string(),
    sha: sha.optional(),
  }),
  z.object({
    kind: z.literal('app.health'),
    app: z.string(),
    health: z.enum(healthStatuses),
  }),
  z.object({
    kind: z.literal('app.selfHealBackoff'),
    app: z.string(),
    seconds: z.number(),
    attempt: z.number(),
  }),
  /** `dryRun`: a dry run, which changes nothing (here and in the two that follow). */
  z.object({
    kind: z.literal('app.syncStarted'),
    app: z.string(),
    initiatedBy: z.enum(syncInitiators),
    attempt: z.number().optional(),
    dryRun: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('app.syncSucceeded'),
    app: z.string(),
    sha: sha.optional(),
    dryRun: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('app.syncFailed'),
    app: z.string(),
    reason,
    dryRun: z.boolean().optional(),
  }),
  /** An attempt failed and Argo CD retries it: retry `retry` (of `limit`) starts in `seconds`; `reason` is Argo CD's. */
  z.object({
    kind: z.literal('app.syncRetrying'),
    app: z.string(),
    retry: z.number(),
    limit: z.number().optional(),
    seconds: z.number(),
    reason,
  }),
  z.object({
    kind: z.literal('app.syncRetryStarted'),
    app: z.string(),
    retry: z.number(),
    limit: z.number().optional(),
  }),
  z.object({
    kind: z.literal('app.operation'),
    app: z.string(),
    phase: z.enum(operationPhases),
    reason: reason.optional(),
  }),
  z.object({
    kind: z.literal('app.added'),
    app: z.string(),
    sync: z.enum(syncStatuses),
    health: z.enum(healthStatuses),
  }),
  z.object({
    kind: z.literal('app.syncUnknown'),
    app: z.string(),
    reason: reason.optional(),
  }),
  /** The Application got a deletionTimestamp: Argo CD deletes its resources, then it goes (`app.deleted`). */
  z.object({
    kind: z.literal('app.deleting'),
    app: z.string(),
  }),
  z.object({
    kind: z.literal('app.deleted'),
    app: z.string(),
  }),
  z.object({
    kind: z.literal('app.refreshFailed'),
    app: z.string(),
    reason,
  }),
  z.object({
    kind: z.literal('k8s.scaled'),
    replicaSet: z.string(),
    from: z.number(),
    to: z.number(),
  }),
  z.object({
    kind: z.literal('k8s.podCreated'),
    pod: z.string(),
  }),
  z.object({
    kind: z.literal('k8s.podKilled'),
    pod: z.string(),
  }),
  /** A namespace was deleted (Terminating: its content goes, pods first), finalized (gone), or created. */
  z.object({
    kind: z.literal('k8s.namespaceTerminating'),
    namespace: z.string(),
  }),
  z.object({
    kind: z.literal('k8s.namespaceGone'),
    namespace: z.string(),
  }),
  z.object({
    kind: z.literal('k8s.namespaceCreated'),
    namespace: z.string(),
  }),
  /** A Kubernetes Event from the live cluster: its reason and message are Kubernetes' own words. */
  z.object({
    kind: z.literal('k8s.event'),
    warning: z.boolean(),
    reason: z.string(),
    object: z.string(),
    message: z.string(),
  }),
  /** `reason` in English, with the API server's address (the badge's tooltip says it too); `problem` for the deck. */
  z.object({
    kind: z.literal('api.down'),
    reason,
    problem: apiProblemSchema.optional(),
  }),
  z.object({
    kind: z.literal('api.up'),
  }),
  z.object({
    kind: z.literal('git.pushed'),
    sha,
    subject: z.string(),
    branch: z.string(),
    action: z.enum(['commit', 'revert', 'race', 'reset']),
  }),
  z.object({
    kind: z.literal('git.colleaguePushed'),
    sha,
    branch: z.string(),
  }),
  z.object({
    kind: z.literal('git.pushRejected'),
    sha,
    onto: sha,
  }),
  /** `reason` in English; `problem` and git's own `detail`, when known, for the deck to word (as `git.failed`). */
  z.object({
    kind: z.literal('git.unavailable'),
    reason,
    problem: gitProblemSchema.optional(),
    detail: reason.optional(),
  }),
  /** A commit or race that would change nothing: git already has podinfo at `color`. */
  z.object({
    kind: z.literal('git.unchanged'),
    action: z.enum(['commit', 'race']),
    color: z.string(),
  }),
  /**
   * A git action failed: `reason` is the error in English (as the presenter's ack says it). `problem` is the same
   * for the deck to word in its language, followed by `detail`, git's own words, when git gave any.
   */
  z.object({
    kind: z.literal('git.failed'),
    reason,
    problem: gitProblemSchema.optional(),
    detail: reason.optional(),
  }),
])

export const timelineEntrySchema = z.intersection(
  z.object({
    at: isoTime,
    source: z.enum(timelineSources),
  }),
  timelineEventSchema,
)

export type TimelineSource = (typeof timelineSources)[number]
export type DriftField = z.infer<typeof driftFieldSchema>
export type TimelineEvent = z.infer<typeof timelineEventSchema>
export type TimelineKind = TimelineEvent['kind']
export type TimelineEntry = z.infer<typeof timelineEntrySchema>
