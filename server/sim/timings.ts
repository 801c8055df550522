import type { SelfHealBackoff } from '../kit/self-heal'
import { argoCdSelfHealBackoff } from '../kit/self-heal'

/** Default durations at speed 1, in milliseconds: what the audience sees on stage. */
export interface SimTimings {
  /** Pod created → container running (scheduling, image already on the node, start). */
  podStart: number
  /** Container running → readiness probe passes. */
  podReady: number
  /** Graceful termination of a deleted pod, until the pod object is gone. */
  podTerminate: number
  /** A live change reaching Argo CD through its watch, and the comparison that follows. */
  driftDetection: number
  /** A refresh: repo-server fetches the revision, renders and compares. */
  refresh: number
  /** A sync operation applying the manifests (Running → Succeeded). */
  syncApply: number
  /** Argo CD's periodic reconciliation (timeout.reconciliation) and its jitter. */
  poll: number
  pollJitter: number
  /** Self-heal backoff: first attempt at once, then base, base·factor, … up to cap. */
  selfHealBackoff: SelfHealBackoff
  /** A deleted namespace's first pass by the namespace controller: the wait after the deletion (or any update). */
  namespaceGrace: number
  /** The namespace controller's walk over every other resource type once the pods are gone, until it finalizes. */
  namespaceContentWalk: number
  /** A pass that finds pods past their grace period fails and is retried by the rate limiter: about this soon. */
  namespaceRetry: number
  /** ingress-nginx writes an Ingress's address on a tick of this period (not when the Ingress is created). */
  ingressStatusInterval: number
}

export const defaultTimings: SimTimings = {
  podStart: 2000,
  podReady: 1000,
  // podinfo 6.9.2 sleeps 3 s after SIGTERM before it shuts its server down (pkg/signals/shutdown.go 54-56, skipped
  // only with --level=debug; the lab runs --level=info), then the kubelet removes the pod (about 0.5 s, estimated).
  podTerminate: 3500,
  driftDetection: 1000,
  refresh: 1500,
  syncApply: 1000,
  poll: 120_000,
  pollJitter: 60_000,
  selfHealBackoff: argoCdSelfHealBackoff,
  // Kubernetes v1.33 pkg/controller/namespace/namespace_controller.go: namespaceDeletionGracePeriod = 5 * time.Second,
  // the delay of every namespace event before the controller processes it (its own status write requeues it too).
  namespaceGrace: 5000,
  // pkg/controller/namespace/deletion/namespaced_resources_deleter.go deleteAllContent: one DeleteCollection and one
  // List for each of the cluster's ~70 namespaced resource types (k3s with Argo CD, Tekton, MetalLB and the
  // Prometheus operator), in Go's random map order, on k3s's SQLite: about 1–2.5 s, then finalizeNamespace. At 2.5 s
  // (the slow end) Argo CD's first self-heal (1 s to see it, 1 s to apply) lands while the namespace still terminates,
  // the case the demo shows; on a faster cluster it may find the namespace gone and create it at once.
  namespaceContentWalk: 2500,
  // The controller's queue: NewTypedItemExponentialFailureRateLimiter(5ms, 60s), doubling per failure; about a second
  // of retries covers the few seconds a kubelet takes to remove a pod.
  namespaceRetry: 1000,
  // ingress-nginx controller-v1.15.1 internal/ingress/status/status.go 43-45: UpdateInterval = 60 (seconds), polled
  // from the controller's start (status.go 90-107); the lab's chart values keep --status-update-interval at 60.
  ingressStatusInterval: 60_000,
}
