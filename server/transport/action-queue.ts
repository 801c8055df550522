import { valueWithin } from '../support/deadline'

/** An action the queue did not take: too many waiting, or the server is shutting down. */
export class QueueRefusal extends Error {
  constructor(readonly reason: 'busy' | 'shutting down', message: string) {
    super(message)
  }
}

/** Runs tasks one at a time, in order; refuses new ones when too many wait or once it is closed. */
export class ActionQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private waiting = 0
  private closed = false

  constructor(private readonly limit = 16) {}

  get pending(): number {
    return this.waiting
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed)
      return Promise.reject(new QueueRefusal('shutting down', 'shutting down: the demo server is stopping'))
    if (this.waiting >= this.limit)
      return Promise.reject(new QueueRefusal('busy', `busy: ${this.waiting} actions are waiting, try again in a moment`))
    this.waiting++
    const result = this.tail.then(task).finally(() => {
      this.waiting--
    })
    this.tail = result.catch(() => {})
    return result
  }

  /** Takes no new tasks; resolves true once those already taken are done, false if that takes longer than `timeoutMs`. */
  async close(timeoutMs: number): Promise<boolean> {
    this.closed = true
    return valueWithin(this.tail.then(() => true), timeoutMs, false)
  }
}
