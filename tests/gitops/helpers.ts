import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: { name?: string, generateName?: string, namespace?: string, annotations?: Record<string, string> }
  spec?: any
  [field: string]: unknown
}

export interface LoadedDocument {
  /** path relative to the repository root, with forward slashes */
  file: string
  doc: unknown
}

export function repoPath(...parts: string[]): string {
  return join(repoRoot, ...parts)
}

export function toRepoRelative(absolutePath: string): string {
  return relative(repoRoot, absolutePath).split(sep).join('/')
}

/** Every file under `dir` (repository-relative) whose name ends with one of `extensions`. */
export function listFiles(dir: string, extensions: string[]): string[] {
  const found: string[] = []
  const walk = (absolute: string): void => {
    for (const entry of readdirSync(absolute)) {
      const child = join(absolute, entry)
      if (statSync(child).isDirectory())
        walk(child)
      else if (extensions.some(extension => entry.endsWith(extension)))
        found.push(toRepoRelative(child))
    }
  }
  walk(repoPath(dir))
  return found.sort()
}

export function listYamlFiles(dir: string): string[] {
  return listFiles(dir, ['.yaml', '.yml'])
}

/** All non-empty YAML documents of a repository file; throws on any syntax error. */
export function loadYaml(file: string): unknown[] {
  return loadYamlAt(repoPath(file), file)
}

export function loadYamlAt(absolutePath: string, file = absolutePath): unknown[] {
  const documents = parseAllDocuments(readFileSync(absolutePath, 'utf8'))
  const docs: unknown[] = []
  for (const document of documents) {
    if (document.errors.length > 0)
      throw new Error(`${file}: ${document.errors.map(error => error.message).join('; ')}`)
    const value: unknown = document.toJS()
    if (value !== null && value !== undefined)
      docs.push(value)
  }
  return docs
}

/** Files that are applied by hand (never synced) but must be valid all the same. */
export const handAppliedExamples = ['scripts/tekton/pipelinerun.yaml', 'scripts/tekton/git-credentials.example.yaml']

export function loadAllGitOpsDocuments(): LoadedDocument[] {
  const files = [
    ...listYamlFiles('apps'),
    ...listYamlFiles('manifests'),
    ...handAppliedExamples,
  ]
  return files.flatMap(file => loadYaml(file).map(doc => ({ file, doc })))
}

/** Helm values and kustomizations are inputs to a renderer, not Kubernetes objects. */
export function fileRole(file: string): 'helm-values' | 'kustomization' | 'object' {
  if (/(?:^|\/)values\.ya?ml$/.test(file))
    return 'helm-values'
  if (/(?:^|\/)kustomization\.ya?ml$/.test(file))
    return 'kustomization'
  return 'object'
}

export function loadKubeObjects(): Array<{ file: string, object: KubeObject }> {
  return loadAllGitOpsDocuments()
    .filter(({ file }) => fileRole(file) === 'object')
    .map(({ file, doc }) => ({ file, object: doc as KubeObject }))
}

export function loadSingle<T = KubeObject>(file: string): T {
  const docs = loadYaml(file)
  if (docs.length !== 1)
    throw new Error(`${file}: expected exactly one YAML document, found ${docs.length}`)
  return docs[0] as T
}

export function syncWave(object: KubeObject): number {
  return Number(object.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0)
}
