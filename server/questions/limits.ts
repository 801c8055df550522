// How fast a phone may ask and vote: per phone (the id it keeps) and per address (an id is easy to make up, an
// address on the room's network is not). Over either budget the answer says when to try again.
import { TokenBucket } from '../access/token-bucket'

interface Budget { burst: number, perSecond: number }

/** A few questions at once, then one per 20 s; an address gets a few phones' worth (a shared hotspot). */
export const ASK_BUDGET: Budget = { burst: 3, perSecond: 1 / 20 }
export const VOTE_BUDGET: Budget = { burst: 20, perSecond: 1 }
const ADDRESS_FACTOR = 4
/** Phones and addresses remembered at most (oldest forgotten first). */
const MAX_KEYS = 10_000

export type Verdict = { ok: true } | { ok: false, retryAfterSeconds: number }

export class QuestionLimits {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes one from the phone's and the address's budget, or from neither. */
  take(kind: 'ask' | 'vote', phone: string, address: string): Verdict {
    const budget = kind === 'ask'
      ? ASK_BUDGET
      : VOTE_BUDGET
    const buckets = [
      this.bucket(`${kind} phone ${phone}`, budget.burst, budget.perSecond),
      this.bucket(`${kind} address ${address}`, budget.burst * ADDRESS_FACTOR, budget.perSecond * ADDRESS_FACTOR),
    ]
    const waits = buckets.map(bucket => bucket.secondsUntilNext())
    if (waits.some(wait => wait > 0)) {
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, ...waits),
      }
    }
    buckets.forEach(bucket => bucket.take())
    return { ok: true }
  }

  private bucket(key: string, burst: number, perSecond: number): TokenBucket {
    let bucket = this.buckets.get(key)
    if (bucket) {
      this.buckets.delete(key)
    }
    else {
      bucket = new TokenBucket(burst, perSecond, this.now)
      if (this.buckets.size >= MAX_KEYS)
        this.buckets.delete(this.buckets.keys().next().value!)
    }
    this.buckets.set(key, bucket)
    return bucket
  }
}
