// Waiting with a bound: the demo must never hang on a cluster, a git remote or its own shutdown.

/** Settles as `promise` does, or as `onTimeout` does (its value or its throw) when `ms` pass first. */
function raceTimer<T, F>(promise: Promise<T>, ms: number, onTimeout: () => F): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<F>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout())
      }
      catch (error) {
        reject(error)
      }
    }, ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Rejects with `message()` when `promise` has not settled after `ms`. */
export function withinDeadline<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  return raceTimer(promise, ms, (): never => {
    throw new Error(message())
  })
}

/** `promise`'s value, or `fallback` when it has not settled after `ms`. */
export function valueWithin<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return raceTimer(promise, ms, () => fallback)
}

/** Milliseconds as the seconds people read: 2, 1.5. */
export function roundedSeconds(ms: number): number {
  return Number((ms / 1000).toFixed(1))
}

/** A duration as people read it: 2 s, 1.5 s. */
export function formatSeconds(ms: number): string {
  return `${roundedSeconds(ms)} s`
}
