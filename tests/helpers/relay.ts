// A phone on the LAN, for browser tests that may only use loopback: Chromium opens the deck at a relay on 127.0.0.3
// (an address, not localhost, so the page counts itself as a phone), and the relay connects to the deck from
// 127.0.0.2, so the deck sees what it sees of a phone: a TCP peer outside this machine's addresses. Bytes pass
// through untouched; the deck's own checks (Host, Origin, peer address) run as they would for a real phone.
import type { AddressInfo, Socket } from 'node:net'
import { createConnection, createServer } from 'node:net'

export const PHONE_HOST = '127.0.0.3'
export const PHONE_PEER = '127.0.0.2'

export interface Relay {
  /** The deck's address as the phone opens it, e.g. http://127.0.0.3:41234 */
  url: string
  close: () => Promise<void>
}

export async function phoneRelay(deckPort: number): Promise<Relay> {
  const sockets = new Set<Socket>()
  const server = createServer((phone) => {
    const deck = createConnection({ host: '127.0.0.1', port: deckPort, localAddress: PHONE_PEER })
    for (const socket of [phone, deck]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {
        phone.destroy()
        deck.destroy()
      })
    }
    phone.pipe(deck).pipe(phone)
  })
  await new Promise<void>(resolve => server.listen(0, PHONE_HOST, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${PHONE_HOST}:${port}`,
    close: () => new Promise((resolve) => {
      sockets.forEach(socket => socket.destroy())
      server.close(() => resolve())
    }),
  }
}
