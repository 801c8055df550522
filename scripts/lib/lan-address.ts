// The address phones join on: this machine's address on the room's network. Not a container bridge, a VPN, or the
// lab VM's host-only network (192.168.56.0/24, which no phone can reach), and not a link-local 169.254/16 address
// (what a laptop gives itself when the network handed it none).
import type { NetworkInterfaceInfo } from 'node:os'
import { networkInterfaces } from 'node:os'

const VIRTUAL = /^(?:lo|docker|br-|veth|virbr|vboxnet|vmnet|vnic|utun|tun|tap|tailscale|zt|wg|cni|flannel|cali|kube|podman|lxc|lxd|awdl|llw|bridge|anpi|ap\d)/i
const WILDCARD = new Set(['0.0.0.0', '::', '[::]'])

export interface JoinAddress {
  /** Where phones join; undefined when this machine has no address on a room network. */
  address?: string
  /** The other candidates (another network card), for the presenter to pick with --bind. */
  others: string[]
}

function isPrivate(address: string): boolean {
  return /^10\./.test(address) || /^192\.168\./.test(address) || /^172\.(?:1[6-9]|2\d|3[01])\./.test(address)
}

function usable(name: string, info: NetworkInterfaceInfo): boolean {
  return info.family === 'IPv4' && !info.internal && !VIRTUAL.test(name)
    && !info.address.startsWith('169.254.') && !info.address.startsWith('192.168.56.')
}

/** `bind`: `--bind ADDRESS`, which phones must then use; otherwise the best address on a room network. */
export function joinAddress(bind?: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): JoinAddress {
  if (bind && !WILDCARD.has(bind))
    return { address: bind, others: [] }
  const found = Object.entries(interfaces).flatMap(([name, infos]) => (infos ?? []).filter(info => usable(name, info)).map(info => info.address))
  // A private address (home, office, hotspot) before a public one (some conference networks hand those out).
  const ordered = [
    ...found.filter(isPrivate),
    ...found.filter(address => !isPrivate(address)),
  ]
  return {
    address: ordered[0],
    others: ordered.slice(1),
  }
}

/** The short URL people type: `http://192.168.1.23:3030`. */
export function joinUrl(address: string, port: number | string): string {
  const host = address.includes(':') && !address.startsWith('[')
    ? `[${address}]`
    : address
  return `http://${host}:${port}`
}
