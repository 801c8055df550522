// A failed sync attempt's retry as the modelled Argo CD plans it (v3.4.7 controller/appcontroller.go 1578-1600): which
// retry applies, the wait, and the operation's messages while it waits and as the retry starts.
import type { Operation } from '../../../common/protocol'
import { describe, expect, it } from 'vitest'
import { awaitingRetry, failedMessage, nextRetry, retryStarted } from '../../../server/sim/operation-retry'

describe('nextRetry', () => {
  it('gives an automated sync without a retry of its own five, 10 s then doubling; a manual one none', () => {
    expect(nextRetry(undefined, 'automated', 0)).toEqual({
      count: 1,
      limit: { limit: 5 },
      delayMs: 10_000,
      namedDelayMs: 5000,
    })
    expect(nextRetry(undefined, 'self-heal', 4)).toEqual({
      count: 5,
      limit: { limit: 5 },
      delayMs: 160_000,
      namedDelayMs: 80_000,
    })
    expect(nextRetry(undefined, 'self-heal', 5)).toBeUndefined()
    expect(nextRetry(undefined, 'manual', 0)).toBeUndefined()
  })

  it('follows the Application\'s retry, for a manual sync too; a negative limit has none to show', () => {
    const retry = {
      limit: 2,
      backoff: { duration: '1s' },
    }
    expect(nextRetry(retry, 'manual', 1)).toEqual({
      count: 2,
      limit: { limit: 2 },
      delayMs: 4000,
      namedDelayMs: 2000,
    })
    expect(nextRetry(retry, 'manual', 2)).toBeUndefined()
    expect(nextRetry({ limit: -1 }, 'manual', 40)).toEqual({
      count: 41,
      limit: {},
      delayMs: 180_000,
      namedDelayMs: 180_000,
    })
  })
})

describe('the operation around a retry', () => {
  const running: Operation = {
    phase: 'Running',
    message: 'one or more tasks are running',
    startedAt: '2026-11-20T14:00:00.000Z',
    initiatedBy: 'self-heal',
  }
  const now = Date.parse('2026-11-20T14:00:01.000Z')

  it('stays Running while it waits, names the time Argo CD names, and forgets its finish when the retry starts', () => {
    const next = nextRetry(undefined, 'self-heal', 0)!
    const waiting = awaitingRetry(running, 'one or more objects failed to apply, reason: x', next, now)
    expect(waiting).toEqual({
      phase: 'Running',
      message: 'one or more objects failed to apply, reason: x. Retrying attempt #1 at 2:00PM.',
      startedAt: '2026-11-20T14:00:00.000Z',
      finishedAt: '2026-11-20T14:00:01.000Z',
      initiatedBy: 'self-heal',
      retry: { count: 1, limit: 5, nextAt: '2026-11-20T14:00:11.000Z' },
    })
    expect(retryStarted(waiting, next)).toEqual({
      phase: 'Running',
      message: 'Retrying operation. Attempt #1',
      startedAt: '2026-11-20T14:00:00.000Z',
      initiatedBy: 'self-heal',
      retry: { count: 1, limit: 5 },
    })
  })

  it('says how often it was retried once it fails', () => {
    expect(failedMessage('boom', 0)).toBe('boom')
    expect(failedMessage('boom', 2)).toBe('boom (retried 2 times).')
  })
})
