// The Slidev dev server's side of the demo: it proxies socket.io to the demo server (so every window,
// remote ones included, talks to one origin) and hands the presenter token to presenter windows on this machine.
import type { Plugin } from 'vite'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { repoRoot } from './paths.ts'

export const TOKEN_ROUTE = '/__demo/token'
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

function presenterToken(): string | undefined {
  const fromEnv = process.env.DEMO_TOKEN?.trim()
  if (fromEnv)
    return fromEnv
  try {
    return readFileSync(join(repoRoot, '.demo', 'token'), 'utf8').trim() || undefined
  }
  catch {
    return undefined
  }
}

export function demoBridge(demoPort: number): Plugin {
  return {
    name: 'gitops-demo-bridge',
    config: () => ({
      server: {
        proxy: {
          '/socket.io': { target: `http://127.0.0.1:${demoPort}`, ws: true },
          '/healthz': { target: `http://127.0.0.1:${demoPort}` },
        },
      },
    }),
    configureServer(server) {
      server.middlewares.use(TOKEN_ROUTE, (request, response) => {
        const token = presenterToken()
        const local = LOOPBACK.has(request.socket.remoteAddress ?? '')
        response.setHeader('cache-control', 'no-store')
        response.setHeader('content-type', 'application/json')
        if (!local || !token) {
          response.statusCode = local ? 404 : 403
          response.end(JSON.stringify({
            error: local ? 'no demo server token yet: start it with npm run dev' : 'the presenter token is only handed out on the presenter\'s machine',
          }))
          return
        }
        response.end(JSON.stringify({ token }))
      })
    },
  }
}
