import type { ActionRequest, ActionResult, TimelineEvent } from '../../common/protocol'
import type { RaceChange, RaceResult } from './race'
import { COLOR_ENV, MESSAGE_ENV } from '../../common/manifests'
import { errorMessage, shortSha } from '../../common/text'
import { gitProblemFields } from '../backend'
import { NothingToChange } from './nothing-to-change'
import { podinfoRaceChanges, raceTimeline } from './podinfo-race'

export type GitActionRequest = Extract<ActionRequest, { type: 'git.setColor' | 'git.revert' | 'git.race' | 'demo.reset' }>

/** What both backends' repositories (the simulation's bare remote, the live one's clone) can do. */
export interface PodinfoRepository {
  readonly branch: string
  setPodinfoEnv: (values: Record<string, string>, subject: string) => Promise<string | undefined>
  revert: (sha?: string) => Promise<string>
  resetToStart: () => Promise<string | undefined>
  race: (ours: RaceChange, theirs: RaceChange) => Promise<RaceResult>
}

export type GitPushAction = Extract<TimelineEvent, { kind: 'git.pushed' }>['action']

export interface GitActionReport {
  presenter: (event: TimelineEvent) => void
  git: (event: TimelineEvent) => void
  /** After a push: the backend updates its git panel and asks Argo CD to refresh. */
  published: (sha: string, action: GitPushAction) => Promise<ActionResult>
}

export function isGitAction(request: ActionRequest): request is GitActionRequest {
  return request.type === 'git.setColor' || request.type === 'git.revert' || request.type === 'git.race' || request.type === 'demo.reset'
}

const short = (sha: string) => shortSha(sha)
const shellQuote = (text: string) => `'${text.replaceAll('\'', `'\\''`)}'`

function failureEvent(error: unknown): TimelineEvent {
  if (error instanceof NothingToChange)
    return { kind: 'git.unchanged', action: error.action, color: error.color }
  return {
    kind: 'git.failed',
    reason: errorMessage(error),
    ...gitProblemFields(error),
  }
}

/**
 * The git side of the demo, the same for the simulated and the live ops-demo: commit, push, then refresh.
 * A failure is also on the timeline, in git's own words.
 */
export async function performGitAction(request: GitActionRequest, repository: PodinfoRepository, report: GitActionReport): Promise<ActionResult> {
  try {
    return await perform(request, repository, report)
  }
  catch (error) {
    report.git(failureEvent(error))
    throw error
  }
}

async function perform(request: GitActionRequest, repository: PodinfoRepository, report: GitActionReport): Promise<ActionResult> {
  switch (request.type) {
    case 'git.setColor': {
      const values: Record<string, string> = { [COLOR_ENV]: request.color }
      if (request.message !== undefined)
        values[MESSAGE_ENV] = request.message
      const subject = request.commitMessage ?? `podinfo: colour ${request.color}${request.message === undefined
        ? ''
        : `, message "${request.message}"`}`
      report.presenter({ kind: 'command', command: `git commit -am ${shellQuote(subject)} && git push` })
      const sha = await repository.setPodinfoEnv(values, subject)
      if (!sha)
        throw new NothingToChange('commit', request.color)
      return report.published(sha, 'commit')
    }
    case 'git.revert': {
      report.presenter({ kind: 'command', command: `git revert --no-edit ${request.sha
        ? short(request.sha)
        : 'HEAD'} && git push` })
      const sha = await repository.revert(request.sha)
      return report.published(sha, 'revert')
    }
    case 'git.race': {
      const { ours, theirs } = podinfoRaceChanges(request.color, request.message)
      report.presenter({ kind: 'race.started' })
      report.presenter({ kind: 'command', command: `git commit -am ${shellQuote(ours.subject)} && git push` })
      const result = await repository.race(ours, theirs)
      for (const event of raceTimeline(result, repository.branch))
        report.git(event)
      return {
        ...await report.published(result.ours, 'race'),
        theirs: result.theirs,
        rejected: result.rejected,
      }
    }
    case 'demo.reset': {
      report.presenter({ kind: 'command', command: 'git restore --source=<start> . && git commit -am "Reset the demo to its starting point" && git push' })
      const sha = await repository.resetToStart()
      return sha
        ? report.published(sha, 'reset')
        : {}
    }
  }
}
