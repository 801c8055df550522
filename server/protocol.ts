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
export type ActionType = ActionRequest['type']
export const ACTION_TYPES: readonly ActionType[] = actionRequestSchema.options.map(option => option.shape.type.value)

export type Response<T extends object = object> = ({ ok: true } & T) | { ok: false, error: string }
/** What an action's ack carries on success: the commit it made, if any. */
export interface ActionResult { sha?: string, theirs?: string, rejected?: number }
export type ActionResponse = Response<ActionResult>

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
/** As `kubectl get pods` shows STATUS: Terminating is a pod being deleted. */
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

const isoTime = z.string()

export const operationSchema = z.object({
  phase: z.enum(operationPhases),
  message: z.string().optional(),
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  /** Why the operation ran: 'manual', 'automated' (new revision) or 'self-heal'. */
  initiatedBy: z.enum(['manual', 'automated', 'self-heal']).optional(),
})

export const applicationSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  project: z.string(),
  syncStatus: z.enum(syncStatuses),
  healthStatus: z.enum(healthStatuses),
  revision: z.string().optional(),
  operation: operationSchema.optional(),
  reconciledAt: isoTime.optional(),
  sourcePath: z.string().optional(),
  automated: z.object({
    prune: z.boolean(),
    selfHeal: z.boolean(),
  }).optional(),
  /** A comparison error or why it is OutOfSync, as Argo CD's conditions would say. */
  message: z.string().optional(),
})

export const podSchema = z.object({
  name: z.string(),
  phase: z.enum(podPhases),
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
})

export const timelineEntrySchema = z.object({
  at: isoTime,
  source: z.enum(timelineSources),
  text: z.string(),
})

export const demoStateSchema = z.object({
  mode: z.enum(['simulated', 'live']),
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
  /** Simulation speed factor (1 = real time); absent in live mode. */
  speed: z.number().optional(),
})

export type SyncStatus = (typeof syncStatuses)[number]
export type HealthStatus = (typeof healthStatuses)[number]
export type OperationPhase = (typeof operationPhases)[number]
export type PodPhase = (typeof podPhases)[number]
export type TimelineSource = (typeof timelineSources)[number]
export type ConnectionState = (typeof connectionStates)[number]
export type Operation = z.infer<typeof operationSchema>
export type ApplicationState = z.infer<typeof applicationSchema>
export type PodState = z.infer<typeof podSchema>
export type ReplicaSetState = z.infer<typeof replicaSetSchema>
export type PodinfoState = z.infer<typeof podinfoSchema>
export type CommitInfo = z.infer<typeof commitSchema>
export type GitState = z.infer<typeof gitSchema>
export type TimelineEntry = z.infer<typeof timelineEntrySchema>
export type DemoState = z.infer<typeof demoStateSchema>

export interface HealthResponse {
  ok: true
  mode: DemoState['mode']
  connection: ConnectionState
}

/** One RFC 6902 operation, as the `patch` event carries them. */
export const patchOperationSchema = z.object({
  op: z.enum([
    'add',
    'remove',
    'replace',
    'move',
    'copy',
    'test',
  ]),
  path: z.string(),
  from: z.string().optional(),
  value: z.unknown().optional(),
})

/** The change from state `seq - 1` to state `seq`. */
export const statePatchSchema = z.object({
  seq: z.int().nonnegative(),
  ops: z.array(patchOperationSchema),
})

export type PatchOperation = z.infer<typeof patchOperationSchema>
export type StatePatch = z.infer<typeof statePatchSchema>

export interface ServerToClientEvents {
  /** The whole state, numbered: on connect and when a client asks for it (`resync`). */
  state: (state: DemoState, seq: number) => void
  /** What changed since state `seq - 1`: a client that missed one asks for `resync`. */
  patch: (patch: StatePatch) => void
}

export interface ClientToServerEvents {
  action: (request: ActionRequest, ack: (response: ActionResponse) => void) => void
  /** Asks for the whole state again (a patch was missed or did not apply). */
  resync: () => void
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
export function parseActionRequest(payload: unknown): { ok: true, request: ActionRequest } | { ok: false, error: string } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return { ok: false, error: 'invalid action: expected an object with a "type"' }
  const type = (payload as { type?: unknown }).type
  if (typeof type !== 'string' || !(ACTION_TYPES as readonly string[]).includes(type))
    return { ok: false, error: `unknown action type; expected one of ${ACTION_TYPES.join(', ')}` }
  const fields = Object.keys(payload).length
  if (fields > MAX_ACTION_FIELDS)
    return { ok: false, error: `invalid ${type}: ${fields} fields, no action has more than ${MAX_ACTION_FIELDS}` }
  const result = actionRequestSchema.safeParse(payload)
  if (result.success)
    return { ok: true, request: result.data }
  const details = result.error.issues.slice(0, 3).map(describeIssue).join('; ')
  return {
    ok: false,
    error: clip(`invalid ${type}: ${details}`, MAX_ERROR_LENGTH),
  }
}
