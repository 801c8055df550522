// Nothing a phone does changes the room. Slidev's dev server takes writes from anyone who can reach it: the slide
// position, the language and the drawings are POSTs to /@server-reactive/*, slide and notes edits POSTs to
// /@slidev/slide/*, its MCP server (/__mcp) navigates and edits, Vite's /__open-in-editor opens files on this
// machine, and HMR WebSocket messages write files (Monaco's `slidev:monaco-write`). From any address that is not the
// presenter's machine, the deck answers reads only: pages, modules and assets, the join route, and socket.io, which
// the demo server guards itself (a viewer there is read-only, whatever it sends).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RefusalLog } from '../access/refusal-log.ts'
import { isThisMachine, THIS_MACHINE } from '../access/this-machine.ts'

const READS = new Set(['GET', 'HEAD'])
/** Routes of this bridge that answer other machines on their own terms. */
const OWN_ROUTES = ['/__demo/join', '/__demo/token']

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0]!
}

/** Why a request from another machine is refused, or undefined when it may go on. */
export function foreignRequestProblem(method: string | undefined, url: string | undefined): string | undefined {
  const path = pathOf(url)
  if (path.startsWith('/socket.io/') || OWN_ROUTES.includes(path))
    return undefined
  if (path.startsWith('/__'))
    return `${path} answers the presenter's machine only`
  if (!READS.has(method ?? 'GET'))
    return 'read-only: only the presenter\'s machine changes the room (slides, language, drawings)'
  return undefined
}

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void

export function roomGuard(refusals: RefusalLog, presenter: ReadonlySet<string> = THIS_MACHINE): Middleware {
  return (request, response, next) => {
    if (isThisMachine(request.socket.remoteAddress, presenter))
      return next()
    const problem = foreignRequestProblem(request.method, request.url)
    if (!problem)
      return next()
    refusals.count(`${request.method} ${pathOf(request.url).split('/').slice(0, 3).join('/')} from other machines`)
    response.statusCode = 403
    response.setHeader('content-type', 'application/json')
    response.setHeader('cache-control', 'no-store')
    response.end(JSON.stringify({ error: problem }))
  }
}

interface MessageSource { emit: (event: string | symbol, ...args: unknown[]) => boolean }

/**
 * For Vite's HMR WebSocket: a phone receives (the slide position and the language come down this way) but what it
 * sends is dropped before any listener, Vite's or a plugin's, sees it.
 */
export function muteForeignSocket(refusals: RefusalLog, presenter: ReadonlySet<string> = THIS_MACHINE) {
  return (socket: MessageSource, request: IncomingMessage): void => {
    if (isThisMachine(request.socket.remoteAddress, presenter))
      return
    const emit = socket.emit.bind(socket)
    socket.emit = (event, ...args) => {
      if (event !== 'message')
        return emit(event, ...args)
      // A page's own chatter (Vite's ping every 30 s, UnoCSS asking whether its CSS is current) is dropped quietly:
      // what the server pushes keeps the phone current. Anything else (a file write, say) is noted.
      const name = /"event":"([^"]{0,60})"/.exec(String(args[0]).slice(0, 200))?.[1]
      if (name !== undefined && !/^(?:vite|unocss):/.test(name))
        refusals.count('HMR events from other machines')
      return false
    }
  }
}
