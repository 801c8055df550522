import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { formatSeconds, valueWithin, withinDeadline } from '../../../server/support/deadline'

describe('deadlines', () => {
  it('withinDeadline: the value when in time, the message when late, the own error as it is', async () => {
    await expect(withinDeadline(sleep(5, 'done'), 1000, () => 'late')).resolves.toBe('done')
    await expect(withinDeadline(sleep(1000, 'done'), 10, () => 'no answer in 0.01 s')).rejects.toThrow('no answer in 0.01 s')
    await expect(withinDeadline(Promise.reject(new Error('refused')), 1000, () => 'late')).rejects.toThrow('refused')
  })

  it('valueWithin: the value when in time, the fallback when late', async () => {
    await expect(valueWithin(sleep(5, true), 1000, false)).resolves.toBe(true)
    await expect(valueWithin(sleep(1000, true), 10, false)).resolves.toBe(false)
  })

  it('says a duration in seconds', () => {
    expect(formatSeconds(2000)).toBe('2 s')
    expect(formatSeconds(1500)).toBe('1.5 s')
    expect(formatSeconds(5600)).toBe('5.6 s')
  })
})
