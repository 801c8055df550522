import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node'
import type { Backoff } from './backoff'
import { ListWatch, Watch } from '@kubernetes/client-node'
import { backoffDelay, sleep } from './backoff'
import { describeApiError } from './errors'

export type InformerVerb = 'add' | 'update' | 'delete'

export interface InformerHealth {
  /** True after a successful list, false after an error until the next successful list. */
  ok: boolean
  /** Consecutive failures since the last successful list. */
  failures: number
  reason?: string
  /** True once the first list arrived. */
  synced: boolean
}

export interface ResilientInformerOptions<T extends KubernetesObject> {
  name: string
  config: KubeConfig
  /** The API path to watch, e.g. /api/v1/namespaces/podinfo/pods. */
  path: string
  /** Lists the objects; `cancel` aborts the request when the informer stops. */
  list: (cancel: AbortSignal) => Promise<KubernetesListObject<T>>
  labelSelector?: string
  /** E.g. metadata.name=podinfo: one object of a cluster-scoped kind. */
  fieldSelector?: string
  backoff: Backoff
  onObject: (verb: InformerVerb, object: T) => void
  onHealth: () => void
}

/**
 * The library's ListWatch (list, then watch from its resourceVersion; 410 Gone → relist;
 * a watch that ends is reopened) plus what it leaves to the caller: after an error it stops,
 * so this starts a fresh ListWatch (a relist) with backoff until the API answers again.
 */
export class ResilientInformer<T extends KubernetesObject> {
  private current: ListWatch<T> | undefined
  /** The last informer that listed: its cache is shown while a new one reconnects. */
  private shown: ListWatch<T> | undefined
  private stopped = false
  private restartTimer: NodeJS.Timeout | undefined
  private state: InformerHealth = { ok: false, failures: 0, synced: false }
  /** Counts opens and halts: callbacks of an informer that is no longer the current one are ignored. */
  private generation = 0
  /** Aborts the current list request on stop or suspend. */
  private cancel = new AbortController()

  constructor(private readonly options: ResilientInformerOptions<T>) {}

  get health(): InformerHealth {
    return this.state
  }

  get name(): string {
    return this.options.name
  }

  list(): readonly T[] {
    return this.shown?.list() ?? []
  }

  /** Resolves after the first list and watch request, or the first failure. */
  async start(): Promise<void> {
    this.stopped = false
    await this.open()
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.halt()
  }

  /** While the API does not answer: no requests, the last lists stay shown. */
  async suspend(): Promise<void> {
    if (this.stopped)
      return
    await this.halt()
  }

  /** After suspend(): list and watch afresh, now. */
  async resume(): Promise<void> {
    if (this.stopped)
      return
    await this.open()
  }

  private async halt(): Promise<void> {
    this.generation++
    clearTimeout(this.restartTimer)
    this.cancel.abort()
    const current = this.current
    this.current = undefined
    await current?.stop()
  }

  private async open(): Promise<void> {
    const { options } = this
    const previous = this.current
    this.cancel.abort()
    const cancel = new AbortController()
    this.cancel = cancel
    const generation = ++this.generation
    const isCurrent = () => generation === this.generation && !this.stopped
    const watch = new Watch(options.config)
    // ListWatch cannot cancel a watch whose request is still being made when it is stopped: close it as it opens.
    const guardedWatch = {
      watch: async (...args: Parameters<Watch['watch']>) => {
        const controller = await watch.watch(...args)
        if (!isCurrent())
          controller.abort()
        return controller
      },
    } as Watch
    const informer = new ListWatch<T>(
      options.path,
      guardedWatch,
      async () => {
        const list = await options.list(cancel.signal)
        // Stopped while listing: fail, so ListWatch does not go on to open a watch nobody will close.
        if (!isCurrent())
          throw new Error('informer stopped')
        // Marked listed once ListWatch has put the items in its cache (after this promise settles).
        setImmediate(() => this.listed(generation))
        return list
      },
      false,
      options.labelSelector,
      options.fieldSelector,
      // The library doubles its own re-watch delay up to 30 s; capped here to keep the 5 s promise.
      {
        delayFn: ms => sleep(Math.min(ms, options.backoff.maxMs)),
      },
    )
    informer.on('add', object => this.forward(informer, 'add', object))
    informer.on('update', object => this.forward(informer, 'update', object))
    informer.on('delete', object => this.forward(informer, 'delete', object))
    informer.on('error', error => this.failed(informer, error))
    this.current = informer
    await previous?.stop()
    await informer.start()
  }

  private forward(informer: ListWatch<T>, verb: InformerVerb, object: T): void {
    if (informer === this.current && !this.stopped)
      this.options.onObject(verb, object)
  }

  private listed(generation: number): void {
    if (generation !== this.generation || this.stopped || !this.current)
      return
    this.shown = this.current
    this.state = { ok: true, failures: 0, synced: true }
    this.options.onHealth()
  }

  private failed(informer: ListWatch<T>, error: unknown): void {
    if (informer !== this.current || this.stopped)
      return
    const failures = this.state.failures + 1
    this.state = {
      ok: false,
      failures,
      synced: this.state.synced,
      reason: describeApiError(error),
    }
    this.options.onHealth()
    clearTimeout(this.restartTimer)
    this.restartTimer = setTimeout(() => {
      if (!this.stopped)
        void this.open()
    }, backoffDelay(this.options.backoff, failures))
  }
}
