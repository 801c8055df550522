import type { ApplicationFile } from './argo-applications'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { filesManagedBy, gitPathSourcesOf, gitSourcesOf, loadApplications, rootApplicationFile, sourcesOf } from './argo-applications'
import { listYamlFiles, repoPath, syncWave } from './helpers'
import { syncPolicySchema } from './sync-policy-schema'

const applications = loadApplications()
function byName(name: string): ApplicationFile {
  const found = applications.find(({ app }) => app.metadata.name === name)
  if (!found)
    throw new Error(`no Application named ${name}`)
  return found
}

describe('the Applications under apps/', () => {
  it('are the App-of-Apps the talk shows', () => {
    expect(applications.map(({ file }) => file).sort()).toEqual([
      'apps/apps/podinfo.yaml',
      'apps/argocd.yaml',
      'apps/ci/pipeline.yaml',
      'apps/ci/tekton.yaml',
      'apps/monitoring/prometheus-grafana.yaml',
      'apps/networking/ingress-nginx.yaml',
      'apps/networking/metallb.yaml',
      'apps/root.yaml',
    ])
  })

  it.each(applications.map(({ file, app }) => [file, app] as const))('%s is one Application in argocd, project default', (_file, app) => {
    expect(app.apiVersion).toBe('argoproj.io/v1alpha1')
    expect(app.kind).toBe('Application')
    expect(app.metadata.namespace).toBe('argocd')
    expect(app.spec.project).toBe('default')
  })

  it('have unique names', () => {
    const names = applications.map(({ app }) => app.metadata.name)
    expect(new Set(names).size).toBe(names.length)
  })
})

describe('the one repository URL and revision', () => {
  const root = byName('root').app
  const [rootSource] = gitSourcesOf(root)

  it.each(applications.map(({ file, app }) => [file, app] as const))('%s: every git source uses the root\'s repoURL and targetRevision', (_file, app) => {
    for (const source of gitSourcesOf(app)) {
      expect(source.repoURL).toBe(rootSource!.repoURL)
      expect(source.targetRevision).toBe(rootSource!.targetRevision)
    }
  })

  it('every chart source pins an exact version', () => {
    const charts = applications.flatMap(({ app }) => sourcesOf(app).filter(source => source.chart !== undefined))
    expect(charts.length).toBeGreaterThan(0)
    for (const chart of charts)
      expect(chart.targetRevision, chart.chart).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

describe('the App-of-Apps graph', () => {
  const managers = new Map<string, string[]>()
  for (const { app } of applications) {
    for (const source of gitPathSourcesOf(app)) {
      for (const managed of filesManagedBy(source)) {
        managers.set(managed, [
          ...(managers.get(managed) ?? []),
          app.metadata.name!,
        ])
      }
    }
  }

  it('every git source path exists in this repository and holds something to sync', () => {
    for (const { app } of applications) {
      for (const source of gitPathSourcesOf(app)) {
        const absolute = repoPath(source.path)
        expect(existsSync(absolute) && statSync(absolute).isDirectory(), `${app.metadata.name} → ${source.path}`).toBe(true)
        expect(listYamlFiles(source.path).length, `${source.path} is empty`).toBeGreaterThan(0)
      }
    }
  })

  it('every value file a multi-source Application reads ($values/…) exists', () => {
    for (const { app } of applications) {
      for (const source of sourcesOf(app)) {
        for (const valueFile of (source as { helm?: { valueFiles?: string[] } }).helm?.valueFiles ?? []) {
          expect(valueFile.startsWith('$values/'), valueFile).toBe(true)
          expect(existsSync(repoPath(valueFile.slice('$values/'.length))), valueFile).toBe(true)
        }
      }
    }
  })

  it('starting from apps/root.yaml reaches every other Application, each exactly once', () => {
    const reachable = applications.filter(({ file }) => file !== rootApplicationFile)
    for (const { file } of reachable)
      expect(managers.get(file), file).toEqual(['root'])
  })

  it('root does not manage itself (it is applied by hand, once)', () => {
    expect(managers.get(rootApplicationFile)).toBeUndefined()
  })

  it('no file in apps/ is orphaned and no file anywhere is managed twice', () => {
    for (const file of listYamlFiles('apps')) {
      if (file !== rootApplicationFile)
        expect(managers.has(file), `${file} is orphaned`).toBe(true)
    }
    for (const [file, owners] of managers)
      expect(owners, file).toHaveLength(1)
  })

  it('every file under manifests/ is synced by an Application or read by one as Helm values', () => {
    const valueFiles = new Set(applications.flatMap(({ app }) => sourcesOf(app)
      .flatMap(source => (source as { helm?: { valueFiles?: string[] } }).helm?.valueFiles ?? [])
      .map(valueFile => valueFile.slice('$values/'.length))))
    for (const file of listYamlFiles('manifests'))
      expect(managers.has(file) || valueFiles.has(file), `${file} is orphaned`).toBe(true)
  })

  it('no Application lives under manifests/ (all of them are in apps/, reached from root)', () => {
    for (const file of listYamlFiles('manifests'))
      expect(readFileSync(repoPath(file), 'utf8'), file).not.toMatch(/^kind:\s*Application\s*$/m)
  })
})

describe('sync order and options', () => {
  it('root syncs its children in waves: MetalLB and Tekton before what needs them', () => {
    const wave = (name: string): number => syncWave(byName(name).app)
    expect(wave('argocd')).toBeLessThan(wave('metallb'))
    expect(wave('metallb')).toBeLessThan(wave('ingress-nginx'))
    expect(wave('tekton')).toBeLessThan(wave('pipeline'))
    expect(wave('ingress-nginx')).toBeLessThan(wave('podinfo'))
  })

  it('argo CD assesses Application health, so those waves wait for readiness', () => {
    const argocdCm = readFileSync(repoPath('manifests/argocd/argocd-cm.yaml'), 'utf8')
    expect(argocdCm).toContain('resource.customizations.health.argoproj.io_Application')
  })

  it.each([
    'argocd',
    'tekton',
    'prometheus-grafana',
    'metallb',
  ])('%s uses ServerSideApply for its large CRDs', (name) => {
    expect(byName(name).app.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true')
  })

  it.each(applications.map(({ file, app }) => [file, app] as const))('%s: syncPolicy uses only fields Argo CD knows (the API server would drop the rest silently)', (_file, app) => {
    expect(() => syncPolicySchema.parse(app.spec.syncPolicy)).not.toThrow()
  })

  it('the strict schema rejects a misspelt or mistyped retry', () => {
    expect(() => syncPolicySchema.parse({
      retry: {
        limit: 5,
        backof: { duration: '10s' },
      },
    })).toThrow(/backof/)
    expect(() => syncPolicySchema.parse({
      retry: {
        limit: 5,
        backoff: { duration: '10 seconds' },
      },
    })).toThrow(/Go duration/)
  })

  it('root retries a failed sync, with backoff, on the newest commit', () => {
    const { retry } = byName('root').app.spec.syncPolicy
    expect(retry.limit).toBeGreaterThan(0)
    expect(retry.backoff).toMatchObject({
      duration: expect.any(String),
      factor: expect.any(Number),
      maxDuration: expect.any(String),
    })
    expect(retry.refresh).toBe(true)
  })

  it.each([
    'argocd',
    'tekton',
    'metallb',
    'ingress-nginx',
    'pipeline',
    'prometheus-grafana',
  ])('%s (charts, CRDs or their users) retries with backoff', (name) => {
    expect(byName(name).app.spec.syncPolicy.retry).toMatchObject({
      limit: expect.any(Number),
      backoff: expect.any(Object),
    })
  })

  it('podinfo heals drift and prunes by itself', () => {
    const { app } = byName('podinfo')
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true })
  })
})
