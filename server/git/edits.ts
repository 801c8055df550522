// The staged edits both demo repositories commit: podinfo's env values, and a revert. The caller commits and pushes.
import type { SimpleGit } from 'simple-git'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PODINFO_DEPLOYMENT_PATH, setPodinfoEnv } from '../../common/manifests'
import { firstLine } from '../../common/text'
import { GitProblemError } from '../backend'

export async function stagePodinfoEnv(git: SimpleGit, workDir: string, values: Record<string, string>): Promise<void> {
  const file = join(workDir, PODINFO_DEPLOYMENT_PATH)
  await writeFile(file, setPodinfoEnv(await readFile(file, 'utf8'), values))
  await git.add([PODINFO_DEPLOYMENT_PATH])
}

/** Stages `git revert` of `sha` (default HEAD) and returns the commit message git would write. */
export async function stageRevert(git: SimpleGit, branch: string, sha: string | undefined, describe: (error: unknown) => string = firstLine): Promise<string> {
  const target = (await git.revparse([`${sha ?? 'HEAD'}^{commit}`]).catch(() => '')).trim()
  if (!target)
    throw new GitProblemError({ kind: 'noSuchCommit', sha: sha ?? 'HEAD', branch })
  const [, ...parents] = (await git.raw([
    'rev-list',
    '--parents',
    '-n',
    '1',
    target,
  ])).trim().split(' ')
  if (parents.length === 0)
    throw new GitProblemError({ kind: 'firstCommit' })
  const original = (await git.raw(['log', '-1', '--format=%s', target])).trim()
  try {
    await git.raw(['revert', '--no-commit', target])
  }
  catch (error) {
    const conflicts = (await git.raw(['diff', '--name-only', '--diff-filter=U']).catch(() => '')).trim().split('\n').filter(Boolean)
    await git.raw(['revert', '--abort']).catch(() => {})
    throw conflicts.length > 0
      ? new GitProblemError({ kind: 'revertConflicts', sha: target, files: conflicts })
      : new GitProblemError({ kind: 'revertFailed', sha: target }, describe(error))
  }
  return `Revert "${original}"\n\nThis reverts commit ${target}.`
}

type Change = (subject: () => string, edit: () => Promise<void>) => Promise<string | undefined>

/** `git revert` as a new commit through a repository's own commit-and-push `change`. */
export async function commitRevert(change: Change, git: SimpleGit, branch: string, sha: string | undefined, describe?: (error: unknown) => string): Promise<string> {
  let subject = ''
  const committed = await change(() => subject, async () => {
    subject = await stageRevert(git, branch, sha, describe)
  })
  if (!committed)
    throw new GitProblemError({ kind: 'alreadyUndone' })
  return committed
}
