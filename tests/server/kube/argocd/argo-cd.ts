// Argo CD v3.4.7's writes to an Application, sent to the fake API server the way Argo CD sends them, in the order it
// sends them. The API server's and auto-sync's SetAppOperation is a GET and a PUT that also nulls
// status.operationState (util/argo/argo.go 931-955); TerminateOperation is a GET and a PUT too
// (server/application/application.go 2451-2480). Everything the application controller writes besides is a JSON
// merge patch: persistAppStatus (controller/appcontroller.go 2176-2224), setOperationState (1627-1711: the whole
// OperationState with Go's omitempty, `operation: null` once completed, `finishedAt: null` only when it goes from set
// to unset), persistRevisionHistory (controller/state.go 1108-1155). A field a merge patch leaves out stays stored.
// Each write returns once the backend's informer holds it, so every intermediate state is narrated.
import type { Lang } from '../../../../common/lang'
import type { TimelineEntry } from '../../../../common/protocol'
import type { Application, ApplicationSource, SyncOperationRequest } from '../../../../server/kube/resources'
import type { FakeKubeApiServer } from '../fake-api/server'
import type { KubeHarness } from '../harness'
import process from 'node:process'
import { afterEach, expect } from 'vitest'
import { demoStateSchema } from '../../../../common/protocol'
import { isKeyEvent, timelineText } from '../../../../common/words/timeline'
import { informersOf, startHarness } from '../harness'

/** The wall clock of a replay: whole seconds, as metav1.Time is written. */
export class ManualClock {
  constructor(private ms = Date.parse('2026-11-20T14:00:00Z')) {}

  now = (): number => this.ms

  advance(seconds: number): void {
    this.ms += seconds * 1000
  }

  /** RFC 3339 UTC, whole seconds: how Argo CD writes a time. */
  stamp(): string {
    return new Date(this.ms).toISOString().replace(/\.\d+Z$/, 'Z')
  }
}

export interface ResourceStatus {
  group?: string
  version: string
  kind: string
  namespace?: string
  name: string
  status: 'Synced' | 'OutOfSync' | 'Unknown'
}

/** OperationState as setOperationState sends it (types.go 1419-1434); empty fields are left out (omitempty). */
export interface OperationStateJson {
  operation: SyncOperationRequest & { sync?: Record<string, unknown> }
  phase: string
  message?: string
  syncResult?: Record<string, unknown>
  startedAt: string
  finishedAt?: string
  retryCount?: number
}

type Json = Record<string, unknown>

/** Drops undefined, as encoding/json drops empty omitempty fields. */
function compact<T extends Json>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T
}

const completed = (phase: string) => phase === 'Succeeded' || phase === 'Failed' || phase === 'Error'

/** Go's NextRetryAt (types.go 1535-1563): duration × factor^count, capped; defaults 5 s, ×2, 3 min. */
export function retryWaitSeconds(retry: { backoff?: { duration?: string, factor?: number, maxDuration?: string } } | undefined, count: number): number {
  const seconds = (text: string | undefined, fallback: number) => {
    if (text === undefined)
      return fallback
    const [, amount, unit = 's'] = /^(\d+)([smh])?$/.exec(text) ?? []
    if (amount === undefined)
      throw new Error(`duration ${text}: this replay reads 10, 10s, 2m or 1h`)
    return Number(amount) * { s: 1, m: 60, h: 3600 }[unit as 's' | 'm' | 'h']
  }
  const duration = seconds(retry?.backoff?.duration, 5)
  const max = seconds(retry?.backoff?.maxDuration, 180)
  const wait = duration * (retry?.backoff?.factor ?? 2) ** count
  return max > 0
    ? Math.min(max, wait)
    : wait
}

/**
 * One Application as Argo CD's API server and application controller write it. Keeps the controller's in-memory
 * OperationState between writes, as processRequestedAppOperation does (it copies the stored one and changes it).
 */
export class ArgoCdReplay {
  private state: OperationStateJson | undefined

  constructor(private readonly harness: KubeHarness, readonly clock: ManualClock, readonly name = 'podinfo') {}

  get stored(): Application {
    const app = this.harness.fake.get('applications', 'argocd', this.name)
    if (!app)
      throw new Error(`no Application ${this.name}`)
    return app as Application
  }

  /** The operation autoSync builds (controller/appcontroller.go 2271-2292); a self-heal adds 2306-2333. */
  automatedOperation(revision: string | string[], selfHeal?: { count: number, resources: { group?: string, kind: string, name: string }[] }): SyncOperationRequest {
    const spec = this.stored.spec ?? {}
    const multi = Boolean(spec.sources?.length)
    return {
      sync: compact({
        revision: multi
          ? undefined
          : String(revision),
        prune: spec.syncPolicy?.automated?.prune || undefined,
        resources: selfHeal?.resources.map(resource => compact({ group: resource.group || undefined, kind: resource.kind, name: resource.name })),
        source: multi
          ? undefined
          : spec.source,
        syncOptions: spec.syncPolicy?.syncOptions,
        sources: multi
          ? spec.sources
          : undefined,
        revisions: multi
          ? [revision].flat()
          : undefined,
        autoHealAttemptsCount: selfHeal?.count,
      }),
      initiatedBy: { automated: true },
      retry: spec.syncPolicy?.retry ?? { limit: 5 },
    }
  }

  /**
   * A self-heal of `resources` (ctl 2306-2333): the count is the stored operation's autoHealAttemptsCount + 1, so it
   * goes on from whatever the last operationState holds.
   */
  selfHealOperation(revision: string, resources: { group?: string, kind: string, name: string }[]): SyncOperationRequest {
    const count = this.stored.status?.operationState?.operation?.sync?.autoHealAttemptsCount ?? 0
    return this.automatedOperation(revision, { count: count + 1, resources })
  }

  /**
   * util/argo SetAppOperation: read the Application, refuse if an operation is set, set `operation`, null
   * status.operationState, PUT the whole object.
   */
  async setOperation(operation: SyncOperationRequest): Promise<void> {
    const app = await this.request('GET') as Application & { metadata: Json }
    if (app.operation)
      throw new Error('another operation is already in progress')
    app.operation = operation
    if (app.status)
      delete app.status.operationState
    await this.request('PUT', app, 'application/json')
  }

  /** A JSON merge patch from the application controller. */
  async patch(patch: Json): Promise<void> {
    await this.request('PATCH', patch, 'application/merge-patch+json')
  }

  /**
   * persistAppStatus after a comparison: only what changed; `reconciled` for a CompareWithLatest (ctl 1932-1934), which
   * also removes a refresh annotation (ctl 2194-2203).
   */
  async compare(status: { sync?: 'Synced' | 'OutOfSync' | 'Unknown', revision?: string, revisions?: string[], resources?: ResourceStatus[], conditions?: { type: string, message: string }[] | null, health?: string, reconciled?: boolean }): Promise<void> {
    const sync = compact({ status: status.sync, revision: status.revision, revisions: status.revisions })
    const refreshing = status.reconciled && this.stored.metadata?.annotations?.['argocd.argoproj.io/refresh'] !== undefined
    await this.patch({
      ...(refreshing
        ? {
            metadata: {
              annotations: { 'argocd.argoproj.io/refresh': null },
            },
          }
        : {}),
      status: compact({
        sync: Object.keys(sync).length > 0
          ? sync
          : undefined,
        resources: status.resources,
        conditions: status.conditions === null
          ? null
          : status.conditions?.map(condition => ({
              ...condition,
              lastTransitionTime: this.clock.stamp(),
            })),
        health: status.health
          ? {
              status: status.health,
              lastTransitionTime: this.clock.stamp(),
            }
          : undefined,
        reconciledAt: status.reconciled
          ? this.clock.stamp()
          : undefined,
      }),
    })
  }

  /** setOperationState (ctl 1627-1711) of the controller's in-memory state. */
  private async persist(previousFinishedAt: string | undefined): Promise<void> {
    const state = this.state!
    const patch: Json = {
      status: {
        operationState: compact({ ...state }),
      },
    }
    if (completed(state.phase))
      patch.operation = null
    if (previousFinishedAt && !state.finishedAt)
      (patch.status as { operationState: Json }).operationState.finishedAt = null
    await this.patch(patch)
  }

  /** NewOperationState (controller/sync.go 76-82) of the requested operation: Running, startedAt now (ctl 1542-1550). */
  async start(): Promise<void> {
    const operation = this.stored.operation
    if (!operation)
      throw new Error('no operation requested')
    this.state = {
      operation: structuredClone(operation),
      phase: 'Running',
      startedAt: this.clock.stamp(),
    }
    await this.persist(undefined)
  }

  /** A sync still running reports how far it is (sync_context.go 470-474, 649): the whole state again. */
  async progress(message: string): Promise<void> {
    this.state = { ...this.state!, message }
    await this.persist(this.state.finishedAt)
  }

  /** The sync ends well (sync_context.go 695); `operation: null` goes with it. */
  async succeed(syncResult: Json, message = 'successfully synced (all tasks run)'): Promise<void> {
    const previous = this.state!.finishedAt
    this.state = compact({
      ...this.state!,
      phase: 'Succeeded',
      message,
      syncResult,
      finishedAt: this.clock.stamp(),
    })
    await this.persist(previous)
  }

  /**
   * An attempt fails (ctl 1578-1600): with retries left the phase stays Running, finishedAt is now, retryCount + 1 and
   * the message says when (the time of the count before the increment, time.Kitchen); else Failed, "(retried N times)."
   */
  async fail(message: string, syncResult?: Json): Promise<void> {
    const state = this.state!
    const previous = state.finishedAt
    const retry = state.operation.retry
    const count = state.retryCount ?? 0
    const limit = retry?.limit ?? 0
    if (state.phase !== 'Terminating' && (count < limit || limit < 0)) {
      const at = new Date(this.clock.now() + retryWaitSeconds(retry, count) * 1000)
      const kitchen = `${(at.getUTCHours() % 12) || 12}:${String(at.getUTCMinutes()).padStart(2, '0')}${at.getUTCHours() < 12
        ? 'AM'
        : 'PM'}`
      this.state = compact({
        ...state,
        phase: 'Running',
        message: `${message}. Retrying attempt #${count + 1} at ${kitchen}.`,
        syncResult: syncResult ?? state.syncResult,
        finishedAt: this.clock.stamp(),
        retryCount: count + 1,
      })
    }
    else {
      this.state = compact({
        ...state,
        phase: 'Failed',
        message: count > 0
          ? `${message} (retried ${count} times).`
          : message,
        syncResult: syncResult ?? state.syncResult,
        finishedAt: this.clock.stamp(),
      })
    }
    await this.persist(previous)
  }

  /** The retry starts (ctl 1524-1538): "Retrying operation. Attempt #N", finishedAt null; syncResult is left out, not cleared. */
  async retry(): Promise<void> {
    const state = this.state!
    const previous = state.finishedAt
    this.state = compact({
      ...state,
      message: `Retrying operation. Attempt #${state.retryCount ?? 0}`,
      finishedAt: undefined,
      syncResult: undefined,
    })
    await this.persist(previous)
  }

  /** `argocd app terminate-op`: the API server sets phase Terminating on what it read, and PUTs it (application.go 2451-2480). */
  async terminate(): Promise<void> {
    const app = await this.request('GET') as Application
    if (!app.operation || !app.status?.operationState)
      throw new Error('Unable to terminate operation. No operation is in progress')
    app.status.operationState.phase = 'Terminating'
    this.state = { ...this.state!, phase: 'Terminating' }
    await this.request('PUT', app, 'application/json')
  }

  /** The sync context ends a terminated operation (sync_context.go 723-728): Failed "Operation terminated". */
  async terminated(): Promise<void> {
    const state = this.state!
    this.state = compact({
      ...state,
      phase: 'Failed',
      message: (state.retryCount ?? 0) > 0
        ? `Operation terminated (retried ${state.retryCount} times).`
        : 'Operation terminated',
      finishedAt: this.clock.stamp(),
    })
    await this.persist(undefined)
  }

  /** `argocd app delete` (application.go 1150-1212): the cascade finalizer, then DELETE; Kubernetes sets deletionTimestamp. */
  async delete(): Promise<void> {
    const finalizers = this.stored.metadata?.finalizers ?? []
    if (!finalizers.includes('resources-finalizer.argocd.argoproj.io')) {
      await this.patch({
        metadata: {
          finalizers: [...finalizers, 'resources-finalizer.argocd.argoproj.io'],
        },
      })
    }
    await this.request('DELETE')
  }

  /** A single-source sync result (controller/sync.go 84-158): a plain apply's resource entries. */
  syncResult(revision: string, resources: { group?: string, kind: string, name: string, status?: string, message?: string }[]): Json {
    return {
      resources: resources.map(resource => ({
        group: resource.group ?? '',
        version: 'v1',
        kind: resource.kind,
        namespace: 'podinfo',
        name: resource.name,
        status: resource.status ?? 'Synced',
        message: resource.message ?? `${resource.kind.toLowerCase()}${resource.group
          ? `.${resource.group}`
          : ''}/${resource.name} configured`,
        hookPhase: resource.status === 'SyncFailed'
          ? 'Failed'
          : 'Running',
        syncPhase: 'Sync',
      })),
      revision,
      source: this.stored.spec?.source as ApplicationSource,
    }
  }

  private async request(method: string, body?: unknown, contentType?: string): Promise<unknown> {
    const { fake } = this.harness
    const response = await fetch(`${fake.url}/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${this.name}`, {
      method,
      headers: contentType
        ? { 'content-type': contentType }
        : {},
      body: body === undefined
        ? undefined
        : JSON.stringify(body),
    })
    const answer = await response.json() as Application
    if (!response.ok)
      throw new Error(`${method} ${this.name}: HTTP ${response.status}: ${(answer as { message?: string }).message}`)
    if (method !== 'GET') {
      await seen(this.harness, this.name, method === 'DELETE' && !this.harness.fake.get('applications', 'argocd', this.name)
        ? undefined
        : this.harness.fake.get('applications', 'argocd', this.name)?.metadata.resourceVersion)
    }
    return answer
  }
}

/** Waits until the backend's informer holds `resourceVersion` of the Application (undefined: it is gone). */
export async function seen(harness: KubeHarness, name: string, resourceVersion: string | undefined): Promise<void> {
  const listed = () => informersOf(harness.backend)?.applications.list().find(app => app.metadata?.name === name)
  await expect.poll(() => listed()?.metadata?.resourceVersion, { interval: 5, timeout: 10_000 }).toBe(resourceVersion)
  // Every state on the way is one the deck can take.
  expect(demoStateSchema.safeParse(harness.state()).error).toBeUndefined()
}

export interface Replay {
  harness: KubeHarness
  clock: ManualClock
  argo: ArgoCdReplay
}

/**
 * The seeded ops-demo (every Application Synced and Healthy after an auto-sync at 13:58) behind the real backend, on a
 * clock pinned at 14:00:00 that the fake API server and the backend's timeline share. Closed after the test.
 */
export async function startReplay(prepare?: (fake: FakeKubeApiServer) => void): Promise<Replay> {
  const clock = new ManualClock()
  const harness = await startHarness({ now: clock.now }, (fake) => {
    fake.now = clock.now
    prepare?.(fake)
  })
  afterEach(async () => {
    await harness.close()
  })
  await expect.poll(() => harness.state().cluster.connection, { timeout: 10_000 }).toBe('connected')
  return {
    harness,
    clock,
    argo: new ArgoCdReplay(harness, clock),
  }
}

/**
 * The story as the projector's short timeline tells it (components/KeyTimeline.vue: key events, Argo CD's only about
 * podinfo), oldest first, each with the seconds since the presenter's command before it, as it stood then.
 */
export function projectorLines(timeline: readonly TimelineEntry[], lang: Lang, app = 'podinfo'): string[] {
  let command: TimelineEntry | undefined
  const lines: string[] = []
  // From the presenter's first command: what the harness said at startup (no git remote here) is not the story.
  for (const entry of timeline.slice(timeline.findIndex(candidate => candidate.kind === 'command'))) {
    if (entry.kind === 'command') {
      command = entry
      lines.push(timelineText(entry, lang))
      continue
    }
    if (!isKeyEvent(entry) || ('app' in entry && entry.app !== app))
      continue
    const seconds = command && Math.round((Date.parse(entry.at) - Date.parse(command.at)) / 1000)
    const since = seconds === undefined
      ? ''
      : seconds < 100
        ? `+${seconds}s`
        : `+${Math.floor(seconds / 60)}m`
    lines.push(`${since} ${timelineText(entry, lang)}`)
  }
  return lines
}

/** podinfo's resources as persistAppStatus lists them (no per-resource health since 3.x); `drifted` ones OutOfSync. */
export function podinfoResources(...drifted: string[]): ResourceStatus[] {
  const status = (kind: string) => drifted.includes(kind)
    ? 'OutOfSync' as const
    : 'Synced' as const
  return [
    {
      version: 'v1',
      kind: 'Service',
      namespace: 'podinfo',
      name: 'podinfo',
      status: status('Service'),
    },
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'podinfo',
      name: 'podinfo',
      status: status('Deployment'),
    },
    {
      group: 'networking.k8s.io',
      version: 'v1',
      kind: 'Ingress',
      namespace: 'podinfo',
      name: 'podinfo',
      status: status('Ingress'),
    },
  ]
}

export const DEPLOYMENT = { group: 'apps', kind: 'Deployment', name: 'podinfo' }

/** Argo CD's events about Applications, in English (the summary at the first list left out). */
export function argoLines(timeline: readonly TimelineEntry[]): string[] {
  return timeline.filter(entry => entry.source === 'argocd' && entry.kind !== 'apps.summary').map(entry => timelineText(entry, 'en'))
}

/** With PRINT_TIMELINES=1, writes the story to stdout (for the record: `PRINT_TIMELINES=1 npx vitest run tests/server/kube/argocd`). */
export function printTimelines(title: string, en: readonly string[], nl: readonly string[]): void {
  if (process.env.PRINT_TIMELINES) {
    process.stdout.write([
      `${title} (en)`,
      ...en,
      '',
      `${title} (nl)`,
      ...nl,
      '',
      '',
    ].join('\n'))
  }
}
