import type { SimpleGit } from 'simple-git'
import type { GitRemoteSettings } from './git-env'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { authorOption } from '../../common/demo-authors'
import { remoteGit } from './git-env'
import { pushWithRetry } from './push'
import { configureClone, makeTempDir } from './workspace'

export interface RaceChange {
  edit: (text: string) => string
  /** Read after `edit`: it may name what the edit chose. */
  subject: string
  /** Why there is no race when `edit` changes nothing. */
  unchanged: () => Error
}

export interface RaceResult {
  /** The colleague's commit, pushed first. */
  theirs: string
  /** Our commit as it was made, before the rejected push. */
  oursBefore: string
  /** Our commit after the rebase, as it is in history. */
  ours: string
  /** How many pushes were rejected before ours landed. */
  rejected: number
}

/**
 * Two people change one branch at the same moment (the Q&A question, shown for real): our commit is made
 * first but pushed second. The push is rejected, pushWithRetry fetches and rebases, the retry lands, and
 * both commits are in history. `work` must be clean and at the remote's head.
 */
export async function raceWithColleague(options: {
  work: SimpleGit
  workDir: string
  /** Where the colleague clones from: the same remote `work` pushes to. */
  cloneFrom: string
  branch: string
  file: string
  ours: RaceChange & { author?: string }
  theirs: RaceChange
  /** How to reach a real remote (prompts off, timeouts); a local one needs none. */
  remote?: GitRemoteSettings
}): Promise<RaceResult> {
  const { work, workDir, branch, file } = options
  const original = await readFile(join(workDir, file), 'utf8')
  const edited = options.ours.edit(original)
  if (edited === original)
    throw options.ours.unchanged()
  await writeFile(join(workDir, file), edited)
  await work.add([file])
  await work.commit(options.ours.subject, undefined, options.ours.author
    ? { '--author': options.ours.author }
    : {})
  const oursBefore = (await work.revparse(['HEAD'])).trim()

  const colleagueDir = await makeTempDir('colleague-')
  try {
    await (options.remote
      ? remoteGit(undefined, options.remote)
      : simpleGit()).clone(options.cloneFrom, colleagueDir, ['--branch', branch])
    await configureClone(colleagueDir)
    const colleague = options.remote
      ? remoteGit(colleagueDir, options.remote)
      : simpleGit(colleagueDir)
    const theirsOriginal = await readFile(join(colleagueDir, file), 'utf8')
    const theirsEdited = options.theirs.edit(theirsOriginal)
    if (theirsEdited === theirsOriginal)
      throw options.theirs.unchanged()
    await writeFile(join(colleagueDir, file), theirsEdited)
    await colleague.add([file])
    await colleague.commit(options.theirs.subject, undefined, {
      '--author': authorOption('colleague'),
    })
    await colleague.push('origin', branch)
    const theirs = (await colleague.revparse(['HEAD'])).trim()
    const { retries } = await pushWithRetry(work, 'origin', branch)
    return {
      theirs,
      oursBefore,
      ours: (await work.revparse(['HEAD'])).trim(),
      rejected: retries,
    }
  }
  finally {
    await rm(colleagueDir, { recursive: true, force: true })
  }
}
