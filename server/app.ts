import type { HealthResponse } from '../common/protocol'
import type { Backend, BackendKind, DemoBackend } from './backend'
import type { KubeBackendOptions } from './kube/options'
import type { Clock } from './sim/clock'
import type { SimTimings } from './sim/timings'
import type { Logger } from './support/logger'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import process from 'node:process'
import { errorMessage } from '../common/text'
import { generateToken, writeTokenFile } from './access/auth'
import { RefusalLog } from './access/refusal-log'
import { isHostOfThisMachine } from './access/same-origin'
import { BackendUnavailableError } from './backend'
import { reapStaleTempDirs } from './git/workspace'
import { openJournal } from './questions/journal'
import { QuestionLimits } from './questions/limits'
import { serveQuestions } from './questions/sockets'
import { QuestionStore } from './questions/store'
import { replayOnly, stageBackend } from './replay/stage'
import { SimBackend } from './sim/backend'
import { consoleLogger } from './support/logger'
import { ensurePrivateDir, repoRoot, runtimeRoot, tokenFilePath } from './support/paths'
import { ActionQueue } from './transport/action-queue'
import { serveSockets } from './transport/sockets'
import { StateBroadcaster } from './transport/state-broadcaster'
import { StatePublisher } from './transport/state-publisher'

export interface DemoServerOptions {
  backend?: BackendKind
  /** 0 picks a free port. */
  port?: number
  host?: string
  speed?: number
  /** The presenter's token; default DEMO_TOKEN, else a new random one. */
  token?: string
  /** Where the presenter windows read the token; false writes none. Default: DEMO_TOKEN_FILE, else <runtimeRoot>/token-<port>. */
  tokenFile?: string | false
  /** The folder whose apps/ and manifests/ seed the simulated git repository. */
  sourceRoot?: string
  clock?: Clock
  timings?: Partial<SimTimings>
  logger?: Logger
  /** Largest accepted socket.io message, in bytes. */
  maxMessageBytes?: number
  /** Refused actions are summed up in one log line per this interval (default 10 s). */
  refusalLogIntervalMs?: number
  /** On close: how long an action in flight may take to finish (default 10 s). */
  shutdownTimeoutMs?: number
  /** kube backend: --kubeconfig PATH (else KUBECONFIG, else <repo>/kubeconfig). */
  kubeconfig?: string
  /** kube backend: --context NAME. */
  context?: string
  /** kube backend: --repo URL|PATH, the GitOps repository the git actions push to. */
  repo?: string
  /** kube backend: anything else (backoff timings, clone folder, environment), for tests. */
  kube?: Partial<KubeBackendOptions>
  /** replay backend: the recording to serve (--recording FILE). */
  recording?: string
  /** Write this run to a recording in `recordingsDir` (the CLI: on for kube, --record for sim). */
  record?: boolean
  /** Where recordings are written and the switch looks for the latest; default <repo>/.demo/recordings. */
  recordingsDir?: string
  /** Let the presenter switch to the latest recording and back (replay.start / replay.stop); the CLI turns it on. */
  replaySwitch?: boolean
  /** What the switch replays when `recordingsDir` holds no recording; default the shipped one. */
  fallbackRecording?: string
  /** Where the Q&A's questions are kept (JSON Lines), read again at start; false: in memory only (the default here; the CLI keeps them in .demo/questions.jsonl). */
  questionsFile?: string | false
}

export interface DemoServer {
  url: string
  port: number
  token: string
  /** True when the token was generated here (the CLI prints it once). */
  tokenGenerated: boolean
  /** The file the token was written to, if any. */
  tokenFile?: string
  close: () => Promise<void>
}

const SHUTDOWN_TIMEOUT_MS = 10_000

export async function createBackend(options: DemoServerOptions): Promise<DemoBackend> {
  if (options.backend === 'replay') {
    if (!options.recording)
      throw new BackendUnavailableError('--backend replay needs --recording FILE')
    return replayOnly(options.recording, options.speed)
  }
  return stageBackend(await createDemoBackend(options), {
    ...options,
    logger: options.logger ?? consoleLogger,
  })
}

async function createDemoBackend(options: DemoServerOptions): Promise<Backend> {
  if ((options.backend ?? 'sim') === 'kube') {
    // Loaded only when asked for: @kubernetes/client-node costs the simulated server ~90 MB of memory.
    const { KubeBackend } = await import('./kube/backend')
    return new KubeBackend({
      sourceRoot: options.sourceRoot ?? repoRoot,
      kubeconfig: options.kubeconfig,
      context: options.context,
      repo: options.repo,
      ...options.kube,
    })
  }
  return new SimBackend({
    sourceRoot: options.sourceRoot ?? repoRoot,
    speed: options.speed,
    clock: options.clock,
    timings: options.timings,
  })
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const logger = options.logger ?? consoleLogger
  const host = options.host ?? '127.0.0.1'
  const envToken = process.env.DEMO_TOKEN?.trim()
  const token = options.token ?? (envToken || generateToken())
  const tokenGenerated = options.token === undefined && !envToken
  await reapStaleTempDirs()
  // Read first: a question file that cannot be opened stops the server before it starts anything.
  const opened = options.questionsFile
    ? openJournal(options.questionsFile, logger)
    : undefined
  let backend: DemoBackend
  try {
    backend = await createBackend(options)
    await backend.start()
  }
  catch (error) {
    opened?.journal.close()
    throw error
  }

  const httpServer = createServer((request, response) => {
    if (!isHostOfThisMachine(request.headers.host)) {
      response.writeHead(403, { 'content-type': 'text/plain' })
      response.end('this host is not allowed\n')
      return
    }
    if (request.method === 'GET' && request.url?.split('?')[0] === '/healthz') {
      const body: HealthResponse = {
        ok: true,
        mode: backend.mode,
        connection: backend.connection(),
      }
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      response.end(JSON.stringify(body))
      return
    }
    // socket.io answers its own path; everything else is not ours.
    if (!request.url?.startsWith('/socket.io/')) {
      response.writeHead(404, { 'content-type': 'text/plain' })
      response.end('not found\n')
    }
  })
  const publisher = new StatePublisher(() => backend.getState())
  const queue = new ActionQueue()
  const refusals = new RefusalLog(logger, options.refusalLogIntervalMs)
  const io = serveSockets(httpServer, {
    maxMessageBytes: options.maxMessageBytes ?? 16 * 1024,
    token,
    backend,
    queue,
    publisher,
    refusals,
    logger,
  })
  const store = new QuestionStore(opened?.journal)
  store.restore(opened?.events ?? [])
  if (options.questionsFile && store.openCount > 0)
    logger.info(`${store.openCount} open question(s) from ${options.questionsFile}`)
  const questions = serveQuestions(io, {
    store,
    limits: new QuestionLimits(),
    refusals,
  })
  const broadcaster = new StateBroadcaster(() => publisher.publish(patch => io.emit('patch', patch)))
  const unsubscribe = backend.onChange(() => broadcaster.notify())

  httpServer.listen(options.port ?? 3031, host)
  try {
    await once(httpServer, 'listening')
  }
  catch (error) {
    questions.stop()
    opened?.journal.close()
    await backend.close()
    throw error
  }
  const address = httpServer.address()
  const port = typeof address === 'object' && address
    ? address.port
    : options.port ?? 3031
  let ownTokenFile: string | undefined
  let closing: Promise<void> | undefined
  /** Takes no new action, lets those taken finish (bounded), then stops sending and removes what it made. */
  const close = () => {
    closing ??= (async () => {
      const timeoutMs = options.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS
      if (!await queue.close(timeoutMs))
        logger.warn(`stopping with an action still running after ${timeoutMs / 1000} s; its temporary files go when this process exits`)
      broadcaster.stop()
      questions.stop()
      unsubscribe()
      refusals.flush()
      await new Promise<void>(resolve => io.close(() => resolve()))
      opened?.journal.close()
      await backend.close().catch((error: unknown) => logger.warn(`cleaning up: ${errorMessage(error)}`))
      if (ownTokenFile)
        await rm(ownTokenFile, { force: true })
    })()
    return closing
  }

  const defaultFile = tokenFilePath(port)
  const tokenFile = options.tokenFile ?? defaultFile
  try {
    if (tokenFile === defaultFile && tokenFile && !process.env.DEMO_TOKEN_FILE) {
      await ensurePrivateDir(runtimeRoot())
      ownTokenFile = tokenFile
    }
    if (tokenFile)
      await writeTokenFile(tokenFile, token)
  }
  catch (error) {
    await close()
    throw error
  }
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
    logger.warn(`listening on ${host}: anyone on this network can now watch the demo state (still read-only without the token)`)
  const urlHost = host.includes(':')
    ? `[${host}]`
    : host === '0.0.0.0'
      ? '127.0.0.1'
      : host
  const url = `http://${urlHost}:${port}`
  logger.info(`${backend.mode} demo server on ${url} (health: ${url}/healthz)`)

  return {
    url,
    port,
    token,
    tokenGenerated,
    tokenFile: tokenFile || undefined,
    close,
  }
}
