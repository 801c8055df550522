/** Runs tasks one at a time, in order; refuses new ones when too many wait. */
export class ActionQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private waiting = 0

  constructor(private readonly limit = 16) {}

  get pending(): number {
    return this.waiting
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.waiting >= this.limit)
      return Promise.reject(new Error(`busy: ${this.waiting} actions are waiting, try again in a moment`))
    this.waiting++
    const result = this.tail.then(task).finally(() => {
      this.waiting--
    })
    this.tail = result.catch(() => {})
    return result
  }
}
