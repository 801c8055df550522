import { createServer } from 'node:net'

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address
        ? resolve(address.port)
        : reject(new Error('no port'))))
    })
  })
}

/** Resolves once `url` answers 2xx; rejects when `isDead()` says the server process is gone, or at the deadline. */
export async function waitForHttp(url: string, timeoutMs: number, isDead: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const dead = isDead()
    if (dead)
      throw new Error(`${dead} before ${url} answered`)
    try {
      const response = await fetch(url)
      if (response.ok)
        return
    }
    catch {}
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}
