// Which browser requests the deck and the demo server answer: the DNS-rebinding and cross-origin guards,
// shared by the deck's bridge (server/deck-bridge/vite-plugin.ts) and the demo server (server/app.ts).
import type { IncomingHttpHeaders } from 'node:http'
import { isIP } from 'node:net'

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

function parseHost(hostHeader: string | undefined): URL | undefined {
  if (!hostHeader || /[/?#@\s\\]/.test(hostHeader))
    return undefined
  try {
    return new URL(`http://${hostHeader}`)
  }
  catch {
    return undefined
  }
}

/**
 * A Host a browser can only send when it really connected to this machine: an IP address, or localhost
 * (and *.localhost, which browsers resolve to loopback themselves). Any other name may be DNS rebinding,
 * as Vite's own check says for plain requests.
 */
export function isHostOfThisMachine(hostHeader: string | undefined): boolean {
  const hostname = parseHost(hostHeader)?.hostname
  if (!hostname)
    return false
  return isIP(hostname.replace(/^\[|\]$/g, '')) !== 0 || hostname === 'localhost' || hostname.endsWith('.localhost')
}

/** The Host names only the presenter's own machine uses for the deck. */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  const hostname = parseHost(hostHeader)?.hostname
  return hostname !== undefined && LOOPBACK_NAMES.has(hostname)
}

/**
 * Why a request must not be answered, or undefined when it may: its Host is not this machine, or a browser
 * sent it from a page of another origin. Requests without Origin or Sec-Fetch-Site come from programs, not pages.
 */
export function crossOriginProblem(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host
  if (!isHostOfThisMachine(host))
    return 'the Host is not this machine'
  const origin = headers.origin
  if (origin !== undefined) {
    let originHost: string | undefined
    try {
      originHost = new URL(origin).host
    }
    catch {}
    if (originHost === undefined || originHost !== parseHost(host)?.host)
      return 'the request comes from a page of another origin'
  }
  const site = headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return 'the request comes from a page of another site'
  return undefined
}
