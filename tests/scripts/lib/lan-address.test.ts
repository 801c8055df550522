import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { joinAddress, joinUrl } from '../../../scripts/lib/lan-address'

function nic(address: string, family: 'IPv4' | 'IPv6' = 'IPv4', internal = false): NetworkInterfaceInfo {
  return {
    address,
    family,
    internal,
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: null,
    ...(family === 'IPv6'
      ? { scopeid: 0 }
      : {}),
  } as NetworkInterfaceInfo
}

describe('the address phones join on', () => {
  it('is this machine\'s address on the room\'s network, not a bridge, a VPN, the lab VM\'s network or link-local', () => {
    expect(joinAddress(undefined, {
      lo: [
        nic('127.0.0.1', 'IPv4', true),
        nic('::1', 'IPv6', true),
      ],
      docker0: [
        nic('172.17.0.1'),
      ],
      vboxnet0: [
        nic('192.168.56.1'),
      ],
      tailscale0: [
        nic('100.101.102.103'),
      ],
      en7: [
        nic('169.254.10.20'),
      ],
      wlp2s0: [
        nic('fe80::1', 'IPv6'),
        nic('192.168.178.23'),
      ],
    })).toEqual({ address: '192.168.178.23', others: [] })
  })

  it('prefers a private address, names the others, and takes --bind as it is', () => {
    expect(joinAddress(undefined, {
      eth0: [
        nic('145.100.1.2'),
      ],
      wlan0: [
        nic('10.0.0.5'),
      ],
    })).toEqual({
      address: '10.0.0.5',
      others: ['145.100.1.2'],
    })
    expect(joinAddress('10.9.8.7', {
      wlan0: [
        nic('10.0.0.5'),
      ],
    })).toEqual({ address: '10.9.8.7', others: [] })
    expect(joinAddress('0.0.0.0', {
      wlan0: [
        nic('10.0.0.5'),
      ],
    }).address).toBe('10.0.0.5')
  })

  it('finds none on a machine that is on no network', () => {
    expect(joinAddress(undefined, {
      lo: [
        nic('127.0.0.1', 'IPv4', true),
      ],
      vboxnet0: [
        nic('192.168.56.1'),
      ],
    })).toEqual({ address: undefined, others: [] })
  })

  it('is a short URL', () => {
    expect(joinUrl('192.168.178.23', 3030)).toBe('http://192.168.178.23:3030')
    expect(joinUrl('fd00::5', 3030)).toBe('http://[fd00::5]:3030')
  })
})
