// The presenter as benchmarks probe it (bench/room.ts, bench/viewer-flood.ts): its socket.io connection, and how
// long its actions take to be acknowledged while the bench loads the server with something else.
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../common/protocol'
import { setTimeout as sleep } from 'node:timers/promises'
import { io } from 'socket.io-client'

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>

/** The presenter's probe: app.refresh (Argo CD reads git: a few git processes each), one every this many ms. */
export const PROBE_EVERY_MS = 100

/** The presenter, with the token, once the server has sent it the state. */
export async function connectPresenter(url: string, token: string): Promise<Client> {
  const presenter: Client = io(url, {
    transports: ['websocket'],
    forceNew: true,
    auth: { token },
  })
  await new Promise(resolve => presenter.once('state', resolve))
  return presenter
}

/** Probes for `forMs`: each ack time (ms) goes into `into`; a refused action ends the bench. */
export async function presenterAcks(presenter: Client, forMs: number, into: number[]): Promise<void> {
  const until = performance.now() + forMs
  while (performance.now() < until) {
    const started = performance.now()
    const ack = await presenter.timeout(10_000).emitWithAck('action', { type: 'app.refresh', app: 'podinfo' })
    if (!ack.ok)
      throw new Error(ack.error)
    into.push(performance.now() - started)
    await sleep(PROBE_EVERY_MS)
  }
}
