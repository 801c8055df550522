// The one protocol between the demo server and the deck's Vue components.
// Imported by browser code too: it must depend on nothing but zod.
import { z } from 'zod'

export const MAX_REPLICAS = 10
export const TIMELINE_LIMIT = 100
export const GIT_LOG_LIMIT = 20

const hexColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour is "#rrggbb"')
const appName = z.string().min(1).max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'an Application name is a DNS label')
const podName = z.string().min(1).max(253).regex(/^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/, 'a pod name is a DNS subdomain')
const commitSha = z.string().regex(/^[0-9a-f]{4,40}$/i, 'a commit is 4 to 40 hex digits')
/** Free text ends up in a commit subject or podinfo's env: no control characters (NUL, line breaks, escapes). */
const freeText = z.string().min(1).max(200).regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'must not contain control characters (such as NUL or a line break)')

export const actionRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('drift.scale'),
    replicas: z.int().min(0).max(MAX_REPLICAS),
  }),
  z.strictObject({
    type: z.literal('drift.setColor'),
    color: hexColor,
  }),
  z.strictObject({
    type: z.literal('drift.deletePod'),
    pod: podName.optional(),
  }),
  // `kubectl delete namespace podinfo`: the disaster Argo CD recovers from (CreateNamespace=true and self-heal).
  z.strictObject({
    type: z.literal('drift.deleteNamespace'),
  }),
  z.strictObject({
    type: z.literal('app.refresh'),
    app: appName,
  }),
  z.strictObject({
    type: z.literal('app.sync'),
    app: appName,
  }),
  // `message` is podinfo's UI message (PODINFO_UI_MESSAGE); `commitMessage` the commit subject.
  z.strictObject({
    type: z.literal('git.setColor'),
    color: hexColor,
    message: freeText.optional(),
    commitMessage: freeText.optional(),
  }),
  z.strictObject({
    type: z.literal('git.revert'),
    sha: commitSha.optional(),
  }),
  // Q&A "two pushes at once": a colleague pushes a message change while ours (the colour) is in flight;
  // ours is rejected, rebased and pushed again. Both end up in history.
  z.strictObject({
    type: z.literal('git.race'),
    color: hexColor,
    message: freeText.optional(),
  }),
  z.strictObject({
    type: z.literal('demo.reset'),
  }),
])

export type ActionRequest = z.infer<typeof actionRequestSchema>

/**
 * The presenter's switch of the whole server, handled by the server rather than a backend: `replay.start`
 * continues with the latest recording (the live cluster is down), `replay.stop` goes back to live. Nothing
 * switches by itself.
 */
export const switchRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('replay.start'),
  }),
  z.strictObject({
    type: z.literal('replay.stop'),
  }),
])
export type SwitchRequest = z.infer<typeof switchRequestSchema>

/** Everything a presenter can send: the ops-demo's actions and the switch. */
export const presenterRequestSchema = z.discriminatedUnion('type', [
  ...actionRequestSchema.options,
  ...switchRequestSchema.options,
])
export type PresenterRequest = z.infer<typeof presenterRequestSchema>
export type ActionType = PresenterRequest['type']
export const ACTION_TYPES: readonly ActionType[] = presenterRequestSchema.options.map(option => option.shape.type.value)

/** A refusal: `error` in English; for a git failure also `problem` and git's own `detail`, for the deck to word. */
/** What an action's ack carries on success: the commit it made, if any. */

export const syncStatuses = ['Synced', 'OutOfSync', 'Unknown'] as const
export const healthStatuses = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
] as const
export const operationPhases = [
  'Running',
  'Succeeded',
  'Failed',
  'Error',
  'Terminating',
] as const
/**
 * A pod's phase as the deck groups pods, plus Terminating (being deleted, not yet ended) as `kubectl get pods` shows it.
 * The rest of kubectl's STATUS column (CrashLoopBackOff, ErrImagePull, Completed, Init:0/1 …) is the pod's `status`.
 */
export const podPhases = [
  'Pending',
  'Running',
  'Terminating',
  'Succeeded',
  'Failed',
  'Unknown',
] as const
export const timelineSources = [
  'presenter',
  'git',
  'argocd',
  'kubernetes',
] as const
export const connectionStates = ['connected', 'reconnecting', 'down'] as const
/** podinfo's namespace: Kubernetes' two phases, and Gone once the namespace controller has finalized it. */
export const namespacePhases = ['Active', 'Terminating', 'Gone'] as const

const isoTime = z.string()
/** 'unknown': the operation names no initiator (Argo CD's UI: "INITIATED BY: Unknown"). */
export const syncInitiators = [
  'manual',
  'automated',
  'self-heal',
  'unknown',
] as const

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

const sha = z.string()
const reason = z.string()
export const driftFieldSchema = z.object({
  field: z.string(),
  git: z.string(),
  live: z.string(),
})

/** Why a git action failed, as the deck words it in its language; git's own words, if any, follow as `detail`. */
export const gitProblemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('noSuchCommit'),
    sha: z.string(),
    branch: z.string(),
  }),
  z.object({
    kind: z.literal('firstCommit'),
  }),
  z.object({
    kind: z.literal('alreadyUndone'),
  }),
  z.object({
    kind: z.literal('revertConflicts'),
    sha,
    files: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('revertFailed'),
    sha,
  }),
  z.object({
    kind: z.literal('colleagueUnchanged'),
  }),
  z.object({
    kind: z.literal('noAnswer'),
    seconds: z.number(),
  }),
  z.object({
    kind: z.literal('rebaseConflicts'),
    remote: z.string(),
    branch: z.string(),
  }),
  z.object({
    kind: z.literal('pushDeclined'),
    reason,
  }),
  z.object({
    kind: z.literal('pushFailed'),
    remote: z.string().optional(),
  }),
  z.object({
    kind: z.literal('raceFailed'),
    remote: z.string().optional(),
  }),
  z.object({
    kind: z.literal('cloneFailed'),
    remote: z.string(),
  }),
  z.object({
    kind: z.literal('checkoutFailed'),
    branch: z.string(),
    remote: z.string(),
  }),
])
export type GitProblem = z.infer<typeof gitProblemSchema>

/**
 * Why a cluster action was refused before it changed anything, as the deck words it: the namespace deletion needs an
 * Application that brings the namespace back (CreateNamespace=true, automated self-heal), a Synced and Healthy start,
 * an Active namespace, and nothing in it that the Application does not manage (`resources`: "ConfigMap extra").
 */
export const refusalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('noCreateNamespace'),
    app: z.string(),
  }),
  z.object({
    kind: z.literal('noSelfHeal'),
    app: z.string(),
  }),
  z.object({
    kind: z.literal('notSettled'),
    app: z.string(),
    sync: z.enum(syncStatuses),
    health: z.enum(healthStatuses),
  }),
  z.object({
    kind: z.literal('namespaceNotActive'),
    namespace: z.string(),
    phase: z.enum(['Terminating', 'Gone']),
  }),
  z.object({
    kind: z.literal('foreignResources'),
    namespace: z.string(),
    app: z.string(),
    resources: z.array(z.string()),
  }),
])
export type Refusal = z.infer<typeof refusalSchema>

/** What an ack's `problem` says: a git failure or a refusal. */
export const actionProblemSchema = z.discriminatedUnion('kind', [
  ...gitProblemSchema.options,
  ...refusalSchema.options,
])
export type ActionProblem = z.infer<typeof actionProblemSchema>

/** What a done action reports: the commit it pushed, and for a race the colleague's commit and our rejections. */
export const actionResultSchema = z.object({
  sha: z.string().optional(),
  theirs: z.string().optional(),
  rejected: z.number().optional(),
})

/** An action's ack: done, or why not (`problem` and git's own `detail` for the deck to word). */
export const actionResponseSchema = z.union([
  actionResultSchema.extend({
    ok: z.literal(true),
  }),
  z.object({
    ok: z.literal(false),
    error: z.string(),
    problem: actionProblemSchema.optional(),
    detail: z.string().optional(),
  }),
])

export type ActionResult = z.infer<typeof actionResultSchema>
export type ActionResponse = z.infer<typeof actionResponseSchema>

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

/** Why the Kubernetes API counts as unreachable, for the deck to word; `detail`: the client's or server's own words. */
export const apiProblemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('noAnswer'),
    seconds: z.number(),
  }),
  z.object({
    kind: z.literal('notReady'),
  }),
  z.object({
    kind: z.literal('failed'),
    detail: z.string(),
  }),
  z.object({
    kind: z.literal('listFailed'),
    resource: z.string(),
    detail: z.string(),
  }),
])
export type ApiProblem = z.infer<typeof apiProblemSchema>

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

export type SyncStatus = (typeof syncStatuses)[number]
export type HealthStatus = (typeof healthStatuses)[number]
export type OperationPhase = (typeof operationPhases)[number]
export type PodPhase = (typeof podPhases)[number]
export type NamespacePhase = (typeof namespacePhases)[number]
export type TimelineSource = (typeof timelineSources)[number]
export type ConnectionState = (typeof connectionStates)[number]
export type Operation = z.infer<typeof operationSchema>
export type ApplicationState = z.infer<typeof applicationSchema>
export type PodState = z.infer<typeof podSchema>
export type ReplicaSetState = z.infer<typeof replicaSetSchema>
export type PodinfoState = z.infer<typeof podinfoSchema>
export type CommitInfo = z.infer<typeof commitSchema>
export type GitState = z.infer<typeof gitSchema>
export type DriftField = z.infer<typeof driftFieldSchema>
export type TimelineEvent = z.infer<typeof timelineEventSchema>
export type TimelineKind = TimelineEvent['kind']
export type TimelineEntry = z.infer<typeof timelineEntrySchema>
export type DemoState = z.infer<typeof demoStateSchema>
export type DemoMode = DemoState['mode']
export type RecordedMode = (typeof recordedModes)[number]
export type ReplayInfo = z.infer<typeof replayInfoSchema>

export interface HealthResponse {
  ok: true
  mode: DemoState['mode']
  connection: ConnectionState
}

/** The change from state `seq - 1` to state `seq`. */
export const statePatchSchema = z.object({
  seq: z.int().nonnegative(),
  ops: z.array(patchOperationSchema),
})

export type StatePatch = z.infer<typeof statePatchSchema>

// Questions for the Q&A: anyone asks and upvotes from a phone; only the presenter puts one on the projector.

/** A question's longest text, in characters (code points), after trimming. */
export const QUESTION_MAX_CHARS = 280
/** Open questions at most: past this, new ones are refused until the presenter marks some done. */
export const MAX_OPEN_QUESTIONS = 200

/** The phone's own random id (kept in its localStorage), sent at the handshake: one vote per phone and question. */
export const phoneIdSchema = z.string().regex(/^[\w-]{16,64}$/, 'a phone id is 16 to 64 letters, digits, - or _')

export const questionSchema = z.object({
  id: z.int().positive(),
  text: z.string(),
  votes: z.int().nonnegative(),
  at: isoTime,
})
export type Question = z.infer<typeof questionSchema>

/** The open questions in the order they were asked, and the one the presenter put on the projector. */
export const questionBoardSchema = z.object({
  questions: z.array(questionSchema),
  shown: z.int().positive().optional(),
})
export type QuestionBoard = z.infer<typeof questionBoardSchema>

/** What changed since board `seq - 1`: new or re-counted questions, questions gone (done), and the shown one (null: none). */
export const questionsPatchSchema = z.object({
  seq: z.int().nonnegative(),
  upsert: z.array(questionSchema),
  remove: z.array(z.int().positive()),
  shown: z.int().positive().nullable().optional(),
})
export type QuestionsPatch = z.infer<typeof questionsPatchSchema>

export const questionProblems = [
  'empty',
  'tooLong',
  'controlCharacters',
  'duplicate',
  'tooFast',
  'full',
  'alreadyVoted',
  'noSuchQuestion',
  'noPhone',
  'readOnly',
  'invalid',
] as const
export type QuestionProblem = (typeof questionProblems)[number]

export const askRequestSchema = z.strictObject({
  // The store words what is wrong with the text (empty, too long, control characters); this only bounds the work.
  text: z.string().max(QUESTION_MAX_CHARS * 8),
})
export const voteRequestSchema = z.strictObject({
  id: z.int().positive(),
})
/** The presenter's hand on the board: put a question on the projector, take it off, or mark it done (answered or removed). */
export const moderationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('show'),
    id: z.int().positive(),
  }),
  z.strictObject({
    type: z.literal('hide'),
  }),
  z.strictObject({
    type: z.literal('done'),
    id: z.int().positive(),
  }),
])
export type Moderation = z.infer<typeof moderationSchema>

/** A question action's answer: done (the question's id), or why not, as an English `error` and a `problem` to word. */
export const questionResponseSchema = z.union([
  z.object({
    ok: z.literal(true),
    id: z.int().positive().optional(),
  }),
  z.object({
    ok: z.literal(false),
    error: z.string(),
    problem: z.enum(questionProblems),
    /** tooFast: when the next one is accepted. */
    retryAfterSeconds: z.int().positive().optional(),
    /** duplicate: the open question with the same words (upvote that one). */
    duplicateOf: z.int().positive().optional(),
  }),
])
export type QuestionResponse = z.infer<typeof questionResponseSchema>

export interface ServerToClientEvents {
  /** The whole state, numbered: on connect and when a client asks for it (`resync`). */
  state: (state: DemoState, seq: number) => void
  /** What changed since state `seq - 1`: a client that missed one asks for `resync`. */
  patch: (patch: StatePatch) => void
  /** The whole question board, numbered: on connect and on `questionsResync`. */
  questions: (board: QuestionBoard, seq: number) => void
  /** What changed on the board since `seq - 1`. */
  questionsPatch: (patch: QuestionsPatch) => void
}

export interface ClientToServerEvents {
  action: (request: PresenterRequest, ack: (response: ActionResponse) => void) => void
  /** Asks for the whole state again (a patch was missed or did not apply). */
  resync: () => void
  /** Anyone: a new question (`{ text }`). */
  ask: (request: z.infer<typeof askRequestSchema>, ack: (response: QuestionResponse) => void) => void
  /** Anyone: one vote for a question (`{ id }`), once per phone. */
  vote: (request: z.infer<typeof voteRequestSchema>, ack: (response: QuestionResponse) => void) => void
  /** The presenter only. */
  moderate: (request: Moderation, ack: (response: QuestionResponse) => void) => void
  /** Asks for the whole question board again. */
  questionsResync: () => void
}

/** No action has more fields than this: a payload with more is refused before the schema looks at it. */
const MAX_ACTION_FIELDS = 8
/** An error message never grows with the payload. */
const MAX_ERROR_LENGTH = 200

function clip(text: string, max: number) {
  return text.length > max
    ? `${text.slice(0, max - 1)}…`
    : text
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0
    ? clip(issue.path.join('.'), 40)
    : 'payload'
  if (issue.code === 'unrecognized_keys') {
    const named = issue.keys.slice(0, 3).map(key => JSON.stringify(clip(key, 20))).join(', ')
    const more = issue.keys.length > 3
      ? ` and ${issue.keys.length - 3} more`
      : ''
    return `${where}: unknown field${issue.keys.length === 1
      ? ''
      : 's'} ${named}${more}`
  }
  return `${where}: ${clip(issue.message, 100)}`
}

/** Validates an untrusted payload; the error names what is wrong in one short line. */
export function parseActionRequest(payload: unknown): { ok: true, request: PresenterRequest } | { ok: false, error: string } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return { ok: false, error: 'invalid action: expected an object with a "type"' }
  const type = (payload as { type?: unknown }).type
  if (typeof type !== 'string' || !(ACTION_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      error: clip(`unknown action type; expected one of ${ACTION_TYPES.join(', ')}`, MAX_ERROR_LENGTH),
    }
  }
  const fields = Object.keys(payload).length
  if (fields > MAX_ACTION_FIELDS)
    return { ok: false, error: `invalid ${type}: ${fields} fields, no action has more than ${MAX_ACTION_FIELDS}` }
  const result = presenterRequestSchema.safeParse(payload)
  if (result.success)
    return { ok: true, request: result.data }
  const details = result.error.issues.slice(0, 3).map(describeIssue).join('; ')
  return {
    ok: false,
    error: clip(`invalid ${type}: ${details}`, MAX_ERROR_LENGTH),
  }
}
