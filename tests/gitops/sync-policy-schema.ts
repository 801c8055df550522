import { z } from 'zod'

// The Kubernetes API server prunes unknown fields of a structural CRD silently, so a misspelt
// `retry.backof` would vanish without an error. These strict schemas list exactly the fields of
// argoproj/argo-cd v3.4.7 pkg/apis/application/v1alpha1/types.go (SyncPolicy :1486,
// RetryStrategy :1512, Backoff :1566, SyncPolicyAutomated :1576), the same set as the
// Application CRD's openAPIV3Schema.

/** What parseStringToDuration (types.go:1521) accepts: whole seconds, or a Go duration. */
const goDuration = z.string().regex(/^(?:\d+|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|[smh]))+)$/, 'a number of seconds or a Go duration such as 10s, 3m')

export const retrySchema = z.strictObject({
  limit: z.number().int(),
  backoff: z.strictObject({
    duration: goDuration.optional(),
    factor: z.number().int().positive().optional(),
    maxDuration: goDuration.optional(),
  }).optional(),
  refresh: z.boolean().optional(),
})

export const syncPolicySchema = z.strictObject({
  automated: z.strictObject({
    enabled: z.boolean().optional(),
    prune: z.boolean().optional(),
    selfHeal: z.boolean().optional(),
    allowEmpty: z.boolean().optional(),
  }).optional(),
  syncOptions: z.array(z.string().regex(/^[A-Z]+=\S+$/i)).optional(),
  retry: retrySchema.optional(),
  managedNamespaceMetadata: z.strictObject({
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }).optional(),
})
