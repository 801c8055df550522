// "The state changed": what every backend tells the server, which then reads the state once and publishes it.

export class ChangeSignal {
  private readonly listeners = new Set<() => void>()

  /** Calls `listener` on every change; returns the way to stop. */
  on(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(): void {
    for (const listener of [...this.listeners])
      listener()
  }

  clear(): void {
    this.listeners.clear()
  }
}
