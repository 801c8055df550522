// Which TCP peers count as this machine, the presenter's: its windows (presenter view, projector) and the deck's
// proxy. Everyone else (a phone on the LAN) only watches. One explicit set, injectable: tests pass another one, or
// connect from 127.0.0.2, which is loopback to the kernel but not in the default set.

/** 127.0.0.1 and ::1 (and IPv4-mapped 127.0.0.1): what a browser on this machine connects from. */
export const THIS_MACHINE: ReadonlySet<string> = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function isThisMachine(address: string | undefined, addresses: ReadonlySet<string> = THIS_MACHINE): boolean {
  return addresses.has(address ?? '')
}
