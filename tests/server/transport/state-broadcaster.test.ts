import { afterEach, describe, expect, it, vi } from 'vitest'
import { ActionQueue } from '../../../server/transport/action-queue'
import { StateBroadcaster } from '../../../server/transport/state-broadcaster'

describe('state broadcaster', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('coalesces a burst into few sends and always sends the last change', () => {
    vi.useFakeTimers()
    let value = 0
    const sent: number[] = []
    const broadcaster = new StateBroadcaster(() => sent.push(value), 16)
    for (let index = 1; index <= 100; index++) {
      value = index
      broadcaster.notify()
      vi.advanceTimersByTime(1)
    }
    vi.advanceTimersByTime(50)
    expect(sent.at(-1)).toBe(100)
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(100 / 16) + 1)
  })
})

describe('action queue', () => {
  it('runs one task at a time, in order, and refuses beyond its limit', async () => {
    const queue = new ActionQueue(3)
    const log: string[] = []
    const task = (name: string) => async () => {
      log.push(`start ${name}`)
      await new Promise(resolve => setTimeout(resolve, 5))
      log.push(`end ${name}`)
      return name
    }
    const results = await Promise.allSettled([
      queue.run(task('a')),
      queue.run(task('b')),
      queue.run(task('c')),
      queue.run(task('d')),
    ])
    expect(log).toEqual([
      'start a',
      'end a',
      'start b',
      'end b',
      'start c',
      'end c',
    ])
    expect(results[3]).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({
        message: expect.stringMatching(/^busy/),
      }),
    })
    await expect(queue.run(async () => {
      throw new Error('boom')
    })).rejects.toThrow('boom')
    expect(await queue.run(async () => 'after')).toBe('after')
  })
})

describe('action queue shutdown', () => {
  it('takes nothing new once closed, waits for what it took, and gives up waiting after its bound', async () => {
    const queue = new ActionQueue()
    let finish!: () => void
    const running = queue.run(() => new Promise<string>((resolve) => {
      finish = () => resolve('finished')
    }))
    const closed = queue.close(60_000)
    await expect(queue.run(async () => 'late')).rejects.toMatchObject({
      reason: 'shutting down',
      message: expect.stringMatching(/^shutting down/),
    })
    finish()
    expect(await running).toBe('finished')
    expect(await closed).toBe(true)

    const stuck = new ActionQueue()
    void stuck.run(() => new Promise(() => {}))
    expect(await stuck.close(20)).toBe(false)
  })
})
