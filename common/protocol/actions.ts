// What a presenter may send (the ops-demo's actions and the server's switch), and how an untrusted payload is checked.
import { z } from 'zod'
import { MAX_REPLICAS } from './limits'

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
