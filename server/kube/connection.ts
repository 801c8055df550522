// Whether the cluster answers, as the badge and the timeline say it: the /readyz probe and the watches' health.
// While the API is down the watches are stopped (the last state stays shown); they relist when it answers again.
import type { KubeConfig } from '@kubernetes/client-node'
import type { ApiProblem, ConnectionState, TimelineEvent } from '../../common/protocol'
import type { InformerHealth } from './informers'
import type { ProbeState } from './probe'
import type { KubeTimeouts } from './timeouts'
import { apiProblemText } from '../../common/words/api-problems'
import { ApiProbe } from './probe'

/** What the connection needs of each watch. */
export interface WatchedResource {
  readonly name: string
  readonly health: InformerHealth
  suspend: () => Promise<void>
  resume: () => Promise<void>
}

export interface ConnectionReport {
  connection: ConnectionState
  reason?: string
  problem?: ApiProblem
}

export interface ClusterConnectionOptions {
  config: KubeConfig
  /** The API server's address, for the presenter's reason (never on the projector's event). */
  server: string | undefined
  informers: () => readonly WatchedResource[]
  timeouts: KubeTimeouts
  /** Consecutive failures of a watch before the state says "down" rather than "reconnecting". */
  downAfterFailures: number
  /** The connection may have changed: the backend reads it again. */
  changed: () => void
}

export class ClusterConnection {
  private readonly probe: ApiProbe
  private suspended = false
  private last: ConnectionState = 'reconnecting'
  /** "unreachable" is on the timeline; "reachable again" may follow. */
  private downAnnounced = false

  constructor(private readonly options: ClusterConnectionOptions) {
    this.probe = new ApiProbe(options.config, {
      intervalMs: options.timeouts.probeIntervalMs,
      timeoutMs: options.timeouts.probeTimeoutMs,
      onChange: state => this.probeChanged(state),
    })
  }

  start(): void {
    this.probe.start()
  }

  stop(): void {
    this.probe.stop()
  }

  /** The reason names the API server once; the deck's words say "Kubernetes API unreachable". */
  report(): ConnectionReport {
    const informers = this.options.informers()
    if (informers.length === 0)
      return { connection: 'reconnecting', reason: 'not started' }
    const server = this.options.server ?? 'the Kubernetes API'
    const unreachable = (connection: ConnectionState, problem: ApiProblem) => ({
      connection,
      reason: `${server}: ${apiProblemText(problem, 'en')}; retrying`,
      problem,
    })
    const probe = this.probe.state
    if (!probe.ok) {
      return unreachable(probe.failures >= this.options.timeouts.probeFailuresForDown
        ? 'down'
        : 'reconnecting', probe.problem ?? { kind: 'failed', detail: 'unknown error' })
    }
    const failing = informers.find(informer => !informer.health.ok && informer.health.failures > 0)
    if (!failing) {
      return informers.every(informer => informer.health.ok)
        ? { connection: 'connected' }
        : { connection: 'reconnecting', reason: 'listing the cluster' }
    }
    const { failures, synced, reason } = failing.health
    const down = !synced || failures >= this.options.downAfterFailures
    return unreachable(down
      ? 'down'
      : 'reconnecting', { kind: 'listFailed', resource: failing.name, detail: reason ?? 'unknown error' })
  }

  /** "unreachable" once when the cluster goes down, "reachable again" once when it comes back. */
  transitions(): TimelineEvent[] {
    const { connection, reason, problem } = this.report()
    if (connection === this.last)
      return []
    this.last = connection
    if (connection === 'connected' && this.downAnnounced) {
      this.downAnnounced = false
      return [
        { kind: 'api.up' },
      ]
    }
    if (connection === 'down' && !this.downAnnounced) {
      this.downAnnounced = true
      return [
        {
          kind: 'api.down',
          reason: reason ?? 'unknown error',
          ...problem
            ? { problem }
            : {},
        },
      ]
    }
    return []
  }

  private probeChanged(state: ProbeState): void {
    const informers = this.options.informers()
    if (!state.ok && state.failures >= this.options.timeouts.probeFailuresForDown && !this.suspended) {
      this.suspended = true
      for (const informer of informers)
        void informer.suspend()
    }
    else if (state.ok && this.suspended) {
      this.suspended = false
      for (const informer of informers)
        void informer.resume()
    }
    this.options.changed()
  }
}
