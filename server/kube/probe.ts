import type { KubeConfig } from '@kubernetes/client-node'
import type { ApiProblem } from '../../common/protocol'
import { Health } from '@kubernetes/client-node'
import { roundedSeconds } from '../support/deadline'
import { describeApiError } from './errors'

export interface ProbeState {
  /** The last probe was answered "ready". */
  ok: boolean
  /** Consecutive failed probes. */
  failures: number
  problem?: ApiProblem
}

export interface ApiProbeOptions {
  intervalMs: number
  timeoutMs: number
  onChange: (state: ProbeState) => void
}

/**
 * Asks the API server's /readyz every few seconds with a short deadline. Watches cannot tell a
 * hung API server from a quiet one (client-node reconnects a silent watch after 30 s without
 * reporting anything), so this is what notices that the API stopped answering.
 */
export class ApiProbe {
  private current: ProbeState = { ok: true, failures: 0 }
  private timer: NodeJS.Timeout | undefined
  private inFlight: AbortController | undefined
  private stopped = true

  constructor(private readonly config: KubeConfig, private readonly options: ApiProbeOptions) {}

  get state(): ProbeState {
    return this.current
  }

  start(): void {
    this.stopped = false
    void this.probe()
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.inFlight?.abort()
  }

  private async probe(): Promise<void> {
    const controller = new AbortController()
    this.inFlight = controller
    const deadline = AbortSignal.timeout(this.options.timeoutMs)
    let next: ProbeState
    try {
      const ready = await new Health(this.config).readyz({
        signal: AbortSignal.any([deadline, controller.signal]),
      })
      next = ready
        ? { ok: true, failures: 0 }
        : {
            ok: false,
            failures: this.current.failures + 1,
            problem: { kind: 'notReady' },
          }
    }
    catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error
      next = {
        ok: false,
        failures: this.current.failures + 1,
        problem: deadline.aborted
          ? {
              kind: 'noAnswer',
              seconds: roundedSeconds(this.options.timeoutMs),
            }
          : {
              kind: 'failed',
              detail: describeApiError(cause),
            },
      }
    }
    if (this.stopped)
      return
    const changed = next.ok !== this.current.ok || next.failures !== this.current.failures || JSON.stringify(next.problem) !== JSON.stringify(this.current.problem)
    this.current = next
    if (changed)
      this.options.onChange(next)
    this.timer = setTimeout(() => void this.probe(), this.options.intervalMs)
  }
}
