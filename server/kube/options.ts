// How the live backend is pointed at a cluster and a repository, and its deadlines.
import type { Backoff } from './backoff'
import type { DemoTarget } from './resources'
import type { KubeTimeouts } from './timeouts'
import { defaultBackoff } from './backoff'
import { defaultTarget } from './resources'
import { defaultTimeouts } from './timeouts'

export interface KubeBackendOptions {
  kubeconfig?: string
  context?: string
  /** --repo: the GitOps repository (URL or path); default: the podinfo Application's repoURL. */
  repo?: string
  /** The deck's checkout: apps/ (repoURL), the podinfo manifest reset goes back to, ./kubeconfig. */
  sourceRoot: string
  /** The demo's clone of the GitOps repository; default <sourceRoot>/.demo/repo. */
  workDir?: string
  env?: NodeJS.ProcessEnv
  backoff?: Partial<Backoff>
  target?: Partial<DemoTarget>
  /** Consecutive failures of a watch before the state says "down" rather than "reconnecting". */
  downAfterFailures?: number
  /** How long start() waits for the first lists before it lets the server answer anyway. */
  startTimeoutMs?: number
  /** Deadlines of API requests, git commands and actions, and the /readyz probe. */
  timeouts?: Partial<KubeTimeouts>
  /**
   * The clock the timeline and Argo CD's waits are told on (epoch ms; default the wall clock). Tests that replay
   * Argo CD's writes pin it, so a wait reads the same on every run.
   */
  now?: () => number
}

/** The options' target, backoff and deadlines, each over its defaults. */
export function withDefaults(options: KubeBackendOptions): { target: DemoTarget, backoff: Backoff, timeouts: KubeTimeouts } {
  return {
    target: {
      ...defaultTarget,
      ...options.target,
    },
    backoff: {
      ...defaultBackoff,
      ...options.backoff,
    },
    timeouts: {
      ...defaultTimeouts,
      ...options.timeouts,
    },
  }
}
