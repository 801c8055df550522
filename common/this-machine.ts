// "This machine": the presenter's laptop, which drives the projector. A window opened on it (by one of these names)
// belongs to the room and follows the presenter's language; a window opened by any other address is an audience
// device (a phone) with a language of its own. The servers decide by the TCP peer address (server/access/).

/** The host names only the presenter's own machine uses for the deck. */
export const THIS_MACHINE_HOSTNAMES: ReadonlySet<string> = new Set([
  'localhost',
  '127.0.0.1',
  '[::1]',
  '::1',
])

/** True for a window opened on the presenter's machine (`location.hostname`). */
export function isThisMachineHostname(hostname: string | undefined): boolean {
  return hostname !== undefined && THIS_MACHINE_HOSTNAMES.has(hostname)
}
