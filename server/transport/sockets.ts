import type { Server as HttpServer } from 'node:http'
import type { Socket } from 'socket.io'
import type { ActionResponse, ClientToServerEvents, ServerToClientEvents } from '../../common/protocol'
import type { RefusalLog } from '../access/refusal-log'
import type { DemoBackend } from '../backend'
import type { Logger } from '../support/logger'
import type { ActionQueue } from './action-queue'
import type { StatePublisher } from './state-publisher'
import { Server } from 'socket.io'
import { parseActionRequest } from '../../common/protocol'
// Who may do what over socket.io: browsers only from this machine's deck (Host, Origin); the presenter's token
// decides at the handshake; viewers get the state and are rate-limited; the presenter's actions are validated and
// run one at a time.
import { errorMessage } from '../../common/text'
import { tokensMatch } from '../access/auth'
import { crossOriginProblem } from '../access/same-origin'
import { clientAddress, isLoopbackAddress, ViewerLimits } from '../access/viewer-limits'
import { problemFields } from '../backend'
import { QueueRefusal } from './action-queue'

interface SocketData {
  presenter: boolean
}

export type DemoIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type DemoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

const READ_ONLY: ActionResponse = { ok: false, error: 'read-only: this connection has no valid presenter token' }

const TOO_MANY_CONNECTIONS = 'too many connections from your address: try again in a few seconds'
/**
 * A refused connection gets its answer after this long (a tarpit): a client that reconnects as soon as it is
 * refused, as socket.io's client does, then tries once a second instead of hundreds of times. At most
 * MAX_HELD refusals wait at once; beyond that they are answered at once.
 */
const REFUSAL_DELAY_MS = 1000
const MAX_HELD = 256

export interface SocketServices {
  /** Largest accepted socket.io message, in bytes. */
  maxMessageBytes: number
  token: string
  backend: DemoBackend
  queue: ActionQueue
  publisher: StatePublisher
  refusals: RefusalLog
  logger: Logger
}

export function serveSockets(httpServer: HttpServer, { maxMessageBytes, token, backend, queue, publisher, refusals, logger }: SocketServices): DemoIo {
  const viewerLimits = new ViewerLimits()
  const io: DemoIo = new Server(httpServer, {
    maxHttpBufferSize: maxMessageBytes,
    // Browsers reach this server through the deck's proxy, on the deck's origin: no CORS, and no WebSocket
    // from a page of another origin or a Host that is not this machine (DNS rebinding).
    allowRequest: (request, callback) => {
      const problem = crossOriginProblem(request.headers)
      if (problem)
        return callback(problem, false)
      if (admitted(clientAddress(request)))
        return callback(null, true)
      refuseLater(() => callback(TOO_MANY_CONNECTIONS, false))
    },
    serveClient: false,
  })

  /**
   * Connections from other machines (through the deck's proxy) can only watch: over their address's budget they
   * are refused at the HTTP handshake, before any WebSocket or socket.io work. This machine's are counted later,
   * once the token says whether it is the presenter's.
   */
  function admitted(address: string): boolean {
    return isLoopbackAddress(address) || viewerLimits.admit(address)
  }

  let held = 0
  function refuseLater(refuse: () => void): void {
    refusals.count('viewer connections over their rate limit')
    if (held >= MAX_HELD)
      return refuse()
    held++
    setTimeout(() => {
      held--
      refuse()
    }, REFUSAL_DELAY_MS).unref()
  }

  io.use((socket, next) => {
    socket.data.presenter = tokensMatch((socket.handshake.auth as { token?: unknown } | undefined)?.token, token)
    const address = clientAddress(socket.request)
    if (socket.data.presenter || !isLoopbackAddress(address) || viewerLimits.admit(address))
      return next()
    refuseLater(() => next(new Error(TOO_MANY_CONNECTIONS)))
  })

  io.on('connection', (socket: DemoSocket) => {
    socket.emit('state', publisher.state, publisher.seq)
    socket.on('resync', () => socket.emit('state', publisher.state, publisher.seq))
    if (!socket.data.presenter)
      limitViewer(socket)
    socket.on('action', (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function'
        ? ack as (response: ActionResponse) => void
        : () => {}
      // A viewer's action is refused before anything looks at it: no validation work for whoever floods.
      if (!socket.data.presenter) {
        refusals.count('actions from viewers (read-only)')
        reply(READ_ONLY)
        return
      }
      void handleAction(payload).then(reply, (error: unknown) => reply({
        ok: false,
        error: errorMessage(error),
      }))
    })
  })

  /** Every message a viewer sends costs a token; an empty bucket ends the connection. */
  function limitViewer(socket: DemoSocket): void {
    const bucket = viewerLimits.messages()
    socket.use((_packet, next) => {
      if (bucket.take())
        return next()
      if (socket.connected) {
        refusals.count('viewers over their message rate limit (disconnected)')
        socket.disconnect(true)
      }
    })
  }

  async function handleAction(payload: unknown): Promise<ActionResponse> {
    const parsed = parseActionRequest(payload)
    if (!parsed.ok) {
      refusals.count('invalid actions')
      return parsed
    }
    try {
      const result = await queue.run(() => backend.perform(parsed.request))
      return { ok: true, ...result }
    }
    catch (error) {
      if (error instanceof QueueRefusal) {
        refusals.count(`actions while ${error.reason}`)
        return { ok: false, error: error.message }
      }
      const message = errorMessage(error)
      logger.warn(`${parsed.request.type} failed: ${message}`)
      return {
        ok: false,
        error: message,
        ...problemFields(error),
      }
    }
  }

  return io
}
