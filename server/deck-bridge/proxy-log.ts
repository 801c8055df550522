// Vite's proxy logs a red stack trace for every connection it loses: each phone that locks its screen, each reload,
// and a screenful while the demo server restarts. On stage that buries what matters. Proxy errors become one line
// that says what happened and what to do, each said at most once per half minute; every other message is untouched.
import type { Logger } from 'vite'
import { stripVTControlCharacters } from 'node:util'

const PROXY_ERROR = /^(?:http|ws) proxy (?:socket )?error/
export const QUIET_MS = 30_000

function proxyErrorLine(error: unknown, demoPort: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ECONNREFUSED':
      return `deck → demo server: nothing answers on 127.0.0.1:${demoPort} (ECONNREFUSED). The slides say they are waiting for it; npm run dev starts both.`
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return `deck → demo server: a browser's connection was cut (${code}); it reconnects by itself.`
    default:
      return `deck → demo server: ${error instanceof Error
        ? error.message
        : 'the proxy failed'}${code
        ? ` (${code})`
        : ''}`
  }
}

/** `logger`, with Vite's proxy errors said in one line, at most once per `QUIET_MS` each. */
export function withQuietProxyErrors(logger: Logger, demoPort: number, now: () => number = Date.now): Logger {
  const lastSaid = new Map<string, number>()
  const error = logger.error.bind(logger)
  logger.error = (message, options) => {
    if (!PROXY_ERROR.test(stripVTControlCharacters(message))) {
      error(message, options)
      return
    }
    const line = proxyErrorLine(options?.error, demoPort)
    const last = lastSaid.get(line)
    if (last !== undefined && now() - last < QUIET_MS)
      return
    lastSaid.set(line, now())
    logger.warn(line, { timestamp: true })
  }
  return logger
}
