// The Slidev dev server's side of the demo: it proxies socket.io to the demo server (so every window,
// remote ones included, talks to one origin) and hands the presenter token to presenter windows on this machine.
import type { IncomingMessage } from 'node:http'
import type { Plugin } from 'vite'
import process from 'node:process'
import { createLogger } from 'vite'
import { readTokenFile } from '../access/auth.ts'
import { crossOriginProblem, isLoopbackHost } from '../access/same-origin.ts'
import { isLoopbackAddress } from '../access/viewer-limits.ts'
import { runtimeRoot, tokenFilePath } from '../support/paths.ts'
import { withQuietProxyErrors } from './proxy-log.ts'

export const TOKEN_ROUTE = '/__demo/token'
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
function tokenRequestProblem(request: IncomingMessage): string | undefined {
  if (!isLoopbackAddress(request.socket.remoteAddress) || !isLoopbackHost(request.headers.host))
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

export function demoBridge(demoPort: number): Plugin {
  const target = `http://127.0.0.1:${demoPort}`
  return {
    name: 'gitops-demo-bridge',
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
      server.middlewares.use(TOKEN_ROUTE, (request, response) => {
        response.setHeader('cache-control', 'no-store')
        response.setHeader('content-type', 'application/json')
        const problem = tokenRequestProblem(request)
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
