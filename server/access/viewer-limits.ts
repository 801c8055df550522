import type { IncomingMessage } from 'node:http'
import { isThisMachine } from './this-machine.ts'
import { TokenBucket } from './token-bucket.ts'

/** A viewer has nothing to send but the odd resync: this many messages at once, then this many per second. */
const MESSAGE_BURST = 20
const MESSAGES_PER_SECOND = 5
/** New viewer connections per address: a phone reconnects now and then; an attacker reconnects all the time. */
const CONNECT_BURST = 10
const CONNECTS_PER_SECOND = 2
/** Addresses remembered at most (oldest forgotten first). */
const MAX_ADDRESSES = 10_000

/** This machine: the presenter's windows, or the deck's proxy (server/access/this-machine.ts). */
export function isLoopbackAddress(address: string | undefined): boolean {
  return isThisMachine(address)
}

/**
 * Where a connection comes from: the TCP peer, or, when that is the deck's proxy on this machine, the address
 * the proxy appended to X-Forwarded-For (the last one: whatever came before it, the client may have made up).
 */
export function clientAddress(request: IncomingMessage): string {
  const peer = request.socket.remoteAddress ?? ''
  const forwarded = request.headers['x-forwarded-for']
  const last = (Array.isArray(forwarded)
    ? forwarded.at(-1)
    : forwarded)?.split(',').at(-1)?.trim()
  return isLoopbackAddress(peer) && last
    ? last
    : peer
}

/** Rate limits for read-only clients: new connections per address, then messages per connection. */
export class ViewerLimits {
  private readonly connects = new Map<string, TokenBucket>()

  /** False when this address opened too many viewer connections lately. */
  admit(address: string): boolean {
    let bucket = this.connects.get(address)
    if (bucket) {
      this.connects.delete(address)
    }
    else {
      bucket = new TokenBucket(CONNECT_BURST, CONNECTS_PER_SECOND)
      if (this.connects.size >= MAX_ADDRESSES)
        this.connects.delete(this.connects.keys().next().value!)
    }
    this.connects.set(address, bucket)
    return bucket.take()
  }

  /** A fresh message budget for one viewer connection. */
  messages(): TokenBucket {
    return new TokenBucket(MESSAGE_BURST, MESSAGES_PER_SECOND)
  }
}
