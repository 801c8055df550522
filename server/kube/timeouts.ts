/** How long the live backend waits for the Kubernetes API and git; injectable so tests need not wait real seconds. */
export interface KubeTimeouts {
  /** Every list, patch and delete. */
  requestMs: number
  /** The /readyz probe: how often, how long it waits, and how many failures in a row mean "down". */
  probeIntervalMs: number
  probeTimeoutMs: number
  probeFailuresForDown: number
  /** One git command without any output (a hung remote, a prompt nobody answers). */
  gitCommandMs: number
  /** A whole git action: fetch, commit, push, then the refresh request. */
  gitActionMs: number
}

// A hung API is "down" after at most 2 × (interval + timeout) = 7 s: within the 10 s the README promises.
export const defaultTimeouts: KubeTimeouts = {
  requestMs: 5000,
  probeIntervalMs: 1500,
  probeTimeoutMs: 2000,
  probeFailuresForDown: 2,
  gitCommandMs: 20_000,
  gitActionMs: 60_000,
}
