import { describe, expect, it } from 'vitest'
import { RefusalLog } from '../../../server/access/refusal-log'
import { TokenBucket } from '../../../server/access/token-bucket'

describe('token bucket', () => {
  it('gives its capacity at once, then refills at its rate, never above capacity', () => {
    let now = 0
    const bucket = new TokenBucket(3, 2, () => now)
    expect([
      bucket.take(),
      bucket.take(),
      bucket.take(),
      bucket.take(),
    ]).toEqual([true, true, true, false])
    now += 499
    expect(bucket.take()).toBe(false)
    now += 1
    expect(bucket.take()).toBe(true)
    now += 60_000
    expect([
      bucket.take(),
      bucket.take(),
      bucket.take(),
      bucket.take(),
    ]).toEqual([true, true, true, false])
  })
})

describe('refusal log', () => {
  it('sums up a burst of refusals in one line, biggest first, and says nothing when there was none', () => {
    const lines: string[] = []
    const log = new RefusalLog({
      info: () => {},
      warn: line => lines.push(line),
      error: () => {},
    }, 60_000)
    log.flush()
    expect(lines).toEqual([])
    for (let index = 0; index < 1985; index++)
      log.count('actions while busy')
    log.count('invalid actions')
    log.flush()
    expect(lines).toEqual(['refused 1,986 in the last 1 s: 1,985 actions while busy, 1 invalid actions'])
  })
})
