import type { Socket } from 'socket.io-client'
import type { ActionRequest, ActionResponse, ApplicationState, ClientToServerEvents, DemoState, ServerToClientEvents } from '../../common/protocol'
import type { DemoServer, DemoServerOptions } from '../../server/app'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { io } from 'socket.io-client'
import { podinfoApp as findPodinfoApp, settled } from '../../common/demo-state'
import { StateFollower } from '../../common/state-follower'
import { startDemoServer } from '../../server/app'
import { silentLogger } from '../../server/support/logger'
import { line } from '../helpers/timeline'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const TEST_TOKEN = 'presenter-test-token'
/** A private copy of the repository's apps/ and manifests/, so tests can edit their copy. */
export async function prepareSource(edit?: (root: string) => Promise<void>): Promise<{ root: string, dispose: () => Promise<void> }> {
  const from = repoRoot
  const root = await mkdtemp(join(tmpdir(), 'demo-source-'))
  for (const dir of ['apps', 'manifests'])
    await cp(join(from, dir), join(root, dir), { recursive: true })
  await edit?.(root)
  return {
    root,
    dispose: () => rm(root, { recursive: true, force: true }),
  }
}

export async function turnSelfHealOff(root: string): Promise<void> {
  const file = join(root, 'apps/apps/podinfo.yaml')
  await writeFile(file, (await readFile(file, 'utf8')).replace(/selfHeal:\s*true/, 'selfHeal: false'))
}

export interface TestServer extends DemoServer {
  sourceRoot: string
}

export async function startTestServer(options: DemoServerOptions = {}, edit?: (root: string) => Promise<void>): Promise<TestServer> {
  const source = await prepareSource(edit)
  const server = await startDemoServer({
    port: 0,
    speed: 20,
    token: TEST_TOKEN,
    tokenFile: false,
    logger: silentLogger,
    sourceRoot: source.root,
    ...options,
  })
  return {
    ...server,
    sourceRoot: source.root,
    close: async () => {
      await server.close()
      await source.dispose()
    },
  }
}

export interface TestClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>
  states: DemoState[]
  latest: () => DemoState
  act: (request: ActionRequest | Record<string, unknown>) => Promise<ActionResponse>
  waitFor: (predicate: (state: DemoState) => boolean, what: string, timeoutMs?: number) => Promise<DemoState>
  close: () => void
}

export async function connectClient(url: string, token?: string): Promise<TestClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    auth: token === undefined
      ? {}
      : { token },
    reconnection: false,
    forceNew: true,
  })
  const states: DemoState[] = []
  const waiters = new Set<() => void>()
  // The whole state on connect, patches after that: the follower keeps the copy, one object per change.
  const follower = new StateFollower(socket)
  follower.onState(() => {
    const state = follower.state
    if (!state)
      throw new Error(follower.problem)
    states.push(state)
    for (const waiter of waiters)
      waiter()
  })
  await new Promise<void>((resolvePromise, reject) => {
    void follower.next().then(() => resolvePromise())
    socket.once('connect_error', reject)
  })
  const latest = () => {
    const state = states.at(-1)
    if (!state)
      throw new Error('no state yet')
    return state
  }
  return {
    socket,
    states,
    latest,
    act: request => socket.timeout(15_000).emitWithAck('action', request as ActionRequest),
    waitFor: (predicate, what, timeoutMs = 15_000) => new Promise((resolvePromise, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      function cleanup() {
        clearTimeout(timer)
        waiters.delete(check)
      }
      function check() {
        const state = states.at(-1)
        if (state && predicate(state)) {
          cleanup()
          resolvePromise(state)
        }
      }
      timer = setTimeout(() => {
        cleanup()
        reject(new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(summarize(states.at(-1)))}`))
      }, timeoutMs)
      waiters.add(check)
      check()
    }),
    close: () => socket.close(),
  }
}

/** podinfo's Application; a test fails at once where the state has none. */
export function podinfoApp(state: DemoState): ApplicationState {
  const app = findPodinfoApp(state)
  if (!app)
    throw new Error('no podinfo Application in the state')
  return app
}

export { settled }

export function summarize(state: DemoState | undefined): unknown {
  if (!state)
    return undefined
  const app = podinfoApp(state)
  return {
    app: {
      sync: app.syncStatus,
      health: app.healthStatus,
      revision: app.revision?.slice(0, 7),
      op: app.operation?.phase,
    },
    head: state.git.head.slice(0, 7),
    podinfo: {
      color: state.podinfo.color,
      desired: state.podinfo.desiredReplicas,
      pods: state.podinfo.pods.map(pod => `${pod.phase}/${pod.ready}/${pod.color}`),
    },
    timeline: state.timeline.slice(-6).map(entry => `${entry.source}: ${line(entry)}`),
  }
}

/** The distinct consecutive values of `select` over the states, e.g. Synced → OutOfSync → Synced. */
export function transitions<T>(states: readonly DemoState[], select: (state: DemoState) => T): T[] {
  const values: T[] = []
  for (const state of states) {
    const value = select(state)
    if (values.at(-1) !== value)
      values.push(value)
  }
  return values
}
