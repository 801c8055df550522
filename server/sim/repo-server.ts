import type { ManifestResource, PodinfoSpec } from '../../common/manifests'
import { parseManifestResources, parsePodinfoDeployment } from '../../common/manifests'
import { shortSha } from '../../common/text'

/** What Argo CD's repo-server needs from git. */
export interface RevisionSource {
  remoteHead: () => Promise<string>
  readFile: (revision: string, path: string) => Promise<string>
  listFiles: (revision: string, dir: string) => Promise<string[]>
}

/** podinfo as a revision declares it: the Deployment the model compares, and every resource its manifests hold. */
export interface DesiredPodinfo {
  spec: PodinfoSpec
  resources: ManifestResource[]
}

/** The repo-server's manifests for podinfo's Application: the YAML files under its `path` at `revision`. */
export async function loadDesired(git: RevisionSource, path: string, revision: string): Promise<DesiredPodinfo> {
  const files = (await git.listFiles(revision, path)).filter(file => /\.ya?ml$/.test(file))
  let spec: PodinfoSpec | undefined
  const resources: ManifestResource[] = []
  for (const file of files) {
    const text = await git.readFile(revision, file)
    spec ??= parsePodinfoDeployment(text)
    resources.push(...parseManifestResources(text))
  }
  if (!spec)
    throw new Error(`no Deployment podinfo under ${path} at ${shortSha(revision, 'unknown')}`)
  return { spec, resources }
}
