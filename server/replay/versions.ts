import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from '../support/paths'

const run = promisify(execFile)

/** The package's version, e.g. "gitops-in-practice@1.0.0". */
export async function packageVersion(root = repoRoot): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { name?: string, version?: string }
    return pkg.version
      ? `${pkg.name ?? 'gitops-in-practice'}@${pkg.version}`
      : undefined
  }
  catch {
    return undefined
  }
}

/** This checkout's version as `git describe` says it (e.g. "v1.0-3-gc83252b-dirty"); the package version without git. */
export async function repositoryVersion(root = repoRoot): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', [
      'describe',
      '--tags',
      '--always',
      '--dirty',
    ], { cwd: root, timeout: 3000 })
    return stdout.trim() || await packageVersion(root)
  }
  catch {
    return packageVersion(root)
  }
}
