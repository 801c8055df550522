import type { KubeObject } from './helpers'
import { existsSync, statSync } from 'node:fs'
import { listYamlFiles, loadSingle, repoPath } from './helpers'

export interface ApplicationSource {
  repoURL: string
  targetRevision?: string
  path?: string
  chart?: string
  ref?: string
  directory?: { recurse?: boolean, include?: string, exclude?: string }
}

export interface ApplicationFile {
  file: string
  app: KubeObject
}

export const rootApplicationFile = 'apps/root.yaml'

export function loadApplications(): ApplicationFile[] {
  return listYamlFiles('apps').map(file => ({
    file,
    app: loadSingle(file),
  }))
}

export function sourcesOf(app: KubeObject): ApplicationSource[] {
  const spec = app.spec as { source?: ApplicationSource, sources?: ApplicationSource[] }
  return spec.sources ?? (spec.source
    ? [spec.source]
    : [])
}

/** Sources that come from a git repository (this one), as opposed to Helm chart repositories. */
export function gitSourcesOf(app: KubeObject): ApplicationSource[] {
  return sourcesOf(app).filter(source => source.chart === undefined)
}

/** Sources that produce manifests from a path in git (a `ref`-only source just lends its files). */
export function gitPathSourcesOf(app: KubeObject): Array<ApplicationSource & { path: string }> {
  return gitSourcesOf(app).filter((source): source is ApplicationSource & { path: string } => source.path !== undefined)
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')
  return new RegExp(`^${escaped}$`)
}

/** The YAML files Argo CD would read for a directory-type git source (as the repo-server does). */
export function filesManagedBy(source: ApplicationSource & { path: string }): string[] {
  const absolute = repoPath(source.path)
  if (!existsSync(absolute) || !statSync(absolute).isDirectory())
    return []
  const exclude = source.directory?.exclude
    ? globToRegExp(source.directory.exclude)
    : undefined
  const include = source.directory?.include
    ? globToRegExp(source.directory.include)
    : undefined
  return listYamlFiles(source.path)
    .map(file => ({
      file,
      relativePath: file.slice(source.path.length + 1),
    }))
    .filter(({ relativePath }) => source.directory?.recurse === true || !relativePath.includes('/'))
    .filter(({ relativePath }) => !exclude?.test(relativePath))
    .filter(({ relativePath }) => include?.test(relativePath) ?? true)
    .map(({ file }) => file)
}
