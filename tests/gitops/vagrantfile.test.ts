import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { repoPath, repoRoot } from './helpers'
import { requireTool, run } from './tools'

const vagrantfile = readFileSync(repoPath('Vagrantfile'), 'utf8')
const provisioner = readFileSync(repoPath('scripts/vm/provision-k3s.sh'), 'utf8')

describe('the Vagrantfile', () => {
  it('is valid Ruby (ruby -c)', () => {
    requireTool('ruby')
    const result = run('ruby', ['-c', 'Vagrantfile'], { cwd: repoRoot })
    expect(result.stdout.trim()).toBe('Syntax OK')
  })

  it('defines one VirtualBox VM ops-demo on host-only 192.168.56.10', () => {
    expect(vagrantfile).toContain('config.vm.define \'ops-demo\'')
    expect(vagrantfile.match(/config\.vm\.define/g)).toHaveLength(1)
    expect(vagrantfile).toContain('VM_IP = \'192.168.56.10\'')
    expect(vagrantfile).toContain('config.vm.network \'private_network\', ip: VM_IP')
    expect(vagrantfile).toContain('config.vm.provider \'virtualbox\'')
  })

  it('is sized for the whole stack, with the reasoning written down', () => {
    expect(Number(/VM_MEMORY_MB = (\d+)/.exec(vagrantfile)?.[1])).toBeGreaterThanOrEqual(6144)
    expect(Number(/VM_CPUS = (\d+)/.exec(vagrantfile)?.[1])).toBeGreaterThanOrEqual(2)
    expect(vagrantfile).toMatch(/# Sizing:/)
  })

  it('provisions a pinned k3s and writes the host kubeconfig to the repository root', () => {
    expect(vagrantfile).toMatch(/K3S_VERSION = 'v\d+\.\d+\.\d+\+k3s\d+'/)
    expect(vagrantfile).toContain('path: \'scripts/vm/provision-k3s.sh\'')
    expect(vagrantfile).toContain('\'KUBECONFIG_OUT\' => \'/vagrant/kubeconfig\'')
  })
})

describe('the k3s provisioner', () => {
  it('disables k3s\'s own traefik and servicelb (ingress-nginx and MetalLB replace them)', () => {
    expect(provisioner).toMatch(/disable:\n {2}- traefik\n {2}- servicelb/)
  })

  it('pins node IP, flannel interface and TLS SAN to the host-only address', () => {
    expect(provisioner).toMatch(/^node-ip: \$\{NODE_IP\}$/m)
    expect(provisioner).toMatch(/^flannel-iface: \$\{node_iface\}$/m)
    expect(provisioner).toMatch(/tls-san:\n {2}- \$\{NODE_IP\}/)
  })

  it('rewrites the kubeconfig\'s server to the host-only address', () => {
    expect(provisioner).toMatch(/s#https:\/\/127\.0\.0\.1:6443#https:\/\/\$\{NODE_IP\}:6443#/)
  })

  it('the kubeconfig it writes is gitignored', () => {
    expect(readFileSync(repoPath('.gitignore'), 'utf8')).toMatch(/^kubeconfig$/m)
  })
})
