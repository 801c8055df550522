// Why something was not done, as kinds the deck words in its language; and what an action's ack says.
import { z } from 'zod'
import { reason, sha } from './fields'
import { healthStatuses, syncStatuses } from './statuses'

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
