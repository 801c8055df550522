// For composable tests in happy-dom: a simulated demo server (speed 20), with the page on the server's own origin,
// as the deck talks to it through the Slidev dev server's proxy.
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/protocol'
import type { DemoServer } from '../../server/app'
import { io } from 'socket.io-client'
import { afterAll, beforeAll } from 'vitest'
import { startDemoServer } from '../../server/app'
import { silentLogger } from '../../server/support/logger'

export interface DemoServerSession {
  /** Set before the suite's first test. */
  server: DemoServer
  token: string
  /** A presenter's own socket.io connection to the server, with the token. */
  presenter: () => Socket<ServerToClientEvents, ClientToServerEvents>
}

/** Starts the server before the suite and opens the page at `path` of its origin (e.g. '/3'); closes it after. */
export function useDemoServer(path: string): DemoServerSession {
  const token = 'composable-test-token'
  const session: DemoServerSession = {
    server: undefined as unknown as DemoServer,
    token,
    presenter: () => io(session.server.url, {
      transports: ['websocket'],
      auth: { token },
      forceNew: true,
    }),
  }
  beforeAll(async () => {
    session.server = await startDemoServer({
      port: 0,
      speed: 20,
      token,
      tokenFile: false,
      logger: silentLogger,
    })
    ;(window as unknown as { happyDOM: { setURL: (url: string) => void } }).happyDOM.setURL(`${session.server.url}${path}`)
  })
  afterAll(async () => {
    await session.server?.close()
  })
  return session
}
