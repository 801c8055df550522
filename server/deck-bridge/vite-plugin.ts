// The Slidev dev server's side of the demo: it proxies socket.io to the demo server (so every window,
// remote ones included, talks to one origin), hands the presenter token to presenter windows on this machine, and
// answers other machines (phones) with reads only (room-guard.ts).
import type { IncomingMessage } from 'node:http'
import type { Plugin } from 'vite'
import process from 'node:process'
import { createLogger } from 'vite'
import { readTokenFile } from '../access/auth.ts'
import { RefusalLog } from '../access/refusal-log.ts'
import { crossOriginProblem, isLoopbackHost } from '../access/same-origin.ts'
import { isThisMachine } from '../access/this-machine.ts'
import { runtimeRoot, tokenFilePath } from '../support/paths.ts'
import { withQuietProxyErrors } from './proxy-log.ts'
import { muteForeignSocket, roomGuard } from './room-guard.ts'

export const TOKEN_ROUTE = '/__demo/token'
/** The address phones join on (`npm run dev -- --remote`), for `npm run preflight -- --remote` to check. */
export const JOIN_ROUTE = '/__demo/join'
/** Vite's own defaults, which a `deny` list replaces. */
const VITE_DEFAULT_DENY = [
  '.env',
  '.env.*',
  '*.{crt,pem}',
  '**/.git/**',
]

/** The files the dev server must never serve, whatever the URL: the token, the kube clone, the cluster's credentials. */
export function deniedFiles(demoPort: number): string[] {
  const tokenFile = tokenFilePath(demoPort)
  return [
    ...VITE_DEFAULT_DENY,
    '**/.demo/**',
    'kubeconfig',
    `${runtimeRoot()}/**`,
    ...tokenFile
      ? [tokenFile]
      : [],
  ]
}

async function presenterToken(demoPort: number): Promise<string | undefined> {
  const fromEnv = process.env.DEMO_TOKEN?.trim()
  if (fromEnv)
    return fromEnv
  const file = tokenFilePath(demoPort)
  return file
    ? readTokenFile(file)
    : undefined
}

/** Why this request must not get the token: only a page of the deck itself, opened on this machine, does. */
function tokenRequestProblem(request: IncomingMessage, presenter?: ReadonlySet<string>): string | undefined {
  if (!isThisMachine(request.socket.remoteAddress, presenter) || !isLoopbackHost(request.headers.host))
    return 'the presenter token is only handed out on the presenter\'s machine (open the deck on localhost)'
  if (request.method !== 'GET')
    return 'the presenter token is only read with GET'
  const problem = crossOriginProblem(request.headers)
  return problem && `the presenter token is only handed to the deck's own pages: ${problem}`
}

/** The proxy's guard: Vite checks Host on plain requests, but not on the WebSocket upgrades it forwards. */
function refuseForeign(request: IncomingMessage): false | undefined {
  return crossOriginProblem(request.headers)
    ? false
    : undefined
}

export interface BridgeOptions {
  /** The URL the cover and the question slide show phones (`DECK_JOIN_URL`, set by `npm run dev -- --remote`). */
  joinUrl?: string
  /** The TCP peers that are the presenter's machine; everyone else only reads. */
  presenter?: ReadonlySet<string>
}

export function demoBridge(demoPort: number, options: BridgeOptions = {}): Plugin {
  const target = `http://127.0.0.1:${demoPort}`
  return {
    name: 'gitops-demo-bridge',
    // Before Slidev's own plugins: its write routes must never see a phone's request.
    enforce: 'pre',
    config: userConfig => ({
      customLogger: withQuietProxyErrors(userConfig.customLogger ?? createLogger(userConfig.logLevel, { allowClearScreen: userConfig.clearScreen }), demoPort),
      server: {
        // Vite's default CORS lets any page on localhost read the deck's responses, the token route's included.
        cors: false,
        fs: {
          deny: deniedFiles(demoPort),
        },
        proxy: {
          // xfwd: the demo server limits viewers per address, so it needs the phone's, not the proxy's.
          '/socket.io': {
            target,
            ws: true,
            xfwd: true,
            bypass: refuseForeign,
          },
          '/healthz': { target, bypass: refuseForeign },
        },
      },
    }),
    configureServer(server) {
      const logger = server.config.logger
      const refusals = new RefusalLog({
        info: message => logger.info(message),
        warn: message => logger.warn(`[deck] ${message}`, { timestamp: true }),
        error: message => logger.error(message),
      })
      server.middlewares.use(roomGuard(refusals, options.presenter))
      server.ws.on('connection', muteForeignSocket(refusals, options.presenter))
      server.middlewares.use(JOIN_ROUTE, (_request, response) => {
        response.setHeader('cache-control', 'no-store')
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify({ url: options.joinUrl || null }))
      })
      server.middlewares.use(TOKEN_ROUTE, (request, response) => {
        response.setHeader('cache-control', 'no-store')
        response.setHeader('content-type', 'application/json')
        const problem = tokenRequestProblem(request, options.presenter)
        if (problem) {
          response.statusCode = 403
          response.end(JSON.stringify({ error: problem }))
          return
        }
        void presenterToken(demoPort).then((token) => {
          response.statusCode = token
            ? 200
            : 404
          response.end(JSON.stringify(token
            ? { token }
            : { error: 'no demo server token yet: start it with npm run dev' }))
        })
      })
    },
  }
}
