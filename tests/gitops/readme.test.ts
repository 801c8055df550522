import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadApplications, rootApplicationFile, sourcesOf } from './argo-applications'
import { loadSingle, repoPath, syncWave } from './helpers'

// README.md promises versions and a rebuild order to workshop participants; both must be the real ones.
const readme = readFileSync(repoPath('README.md'), 'utf8')
const applications = loadApplications().filter(({ file }) => file !== rootApplicationFile)

function chartVersion(chart: string): string {
  const source = applications.flatMap(({ app }) => sourcesOf(app)).find(candidate => candidate.chart === chart)
  return source!.targetRevision!
}

describe('rEADME.md', () => {
  it('names the pinned versions that the files pin', () => {
    const pinned = /^Pinned versions:([\s\S]*?)\n\n/m.exec(readme)![1]!
    const version = (name: string): string => new RegExp(`${name} \`([^\`]+)\``).exec(pinned)?.[1] ?? `(no ${name} in README)`
    const kustomization = loadSingle<{ resources: string[] }>('manifests/argocd/kustomization.yaml')
    const tekton = loadSingle<{ resources: string[] }>('manifests/ci/tekton/kustomization.yaml')
    const image = loadSingle('manifests/apps/podinfo/deployment.yaml').spec.template.spec.containers[0].image as string
    expect(version('k3s')).toBe(/K3S_VERSION = '([^']+)'/.exec(readFileSync(repoPath('Vagrantfile'), 'utf8'))![1])
    expect(kustomization.resources).toContain(`https://raw.githubusercontent.com/argoproj/argo-cd/${version('Argo CD')}/manifests/install.yaml`)
    expect(version('MetalLB chart')).toBe(chartVersion('metallb'))
    expect(version('ingress-nginx chart')).toBe(chartVersion('ingress-nginx'))
    expect(version('kube-prometheus-stack chart')).toBe(chartVersion('kube-prometheus-stack'))
    expect(tekton.resources[0]).toContain(`/${version('Tekton Pipelines')}/release.yaml`)
    expect(image).toBe(`ghcr.io/stefanprodan/podinfo:${version('podinfo')}`)
  })

  it('lists the rebuild waves as apps/ defines them, every child once', () => {
    const waves = [
      ...readme.matchAll(/^ {3}- wave (\d+) (.*)$/gm),
    ]
      .flatMap(([, wave, names]) => [
        ...names!.matchAll(/`([a-z-]+)`/g),
      ].map(([, name]) => ({
        name: name!,
        wave: Number(wave),
      })))
      .filter(({ name }) => applications.some(({ app }) => app.metadata.name === name))
    expect(waves.sort((a, b) => a.name.localeCompare(b.name))).toEqual(applications
      .map(({ app }) => ({
        name: app.metadata.name!,
        wave: syncWave(app),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)))
  })

  it('says how to read both generated admin passwords, and names no fixed one', () => {
    expect(readme).toContain('get secret argocd-initial-admin-secret -o jsonpath=\'{.data.password}\'')
    expect(readme).toContain('get secret grafana-admin -o jsonpath=\'{.data.admin-password}\'')
    expect(readme).not.toContain('prom-operator')
  })
})
