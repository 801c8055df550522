import type { ActionRequest, ActionResult } from '../protocol'
import type { RaceChange, RaceResult } from './race'
import { COLOR_ENV, MESSAGE_ENV } from '../sim/manifests'
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

export interface GitActionReport {
  presenter: (text: string) => void
  git: (text: string) => void
  /** After a push: the backend updates its git panel and asks Argo CD to refresh. */
  published: (sha: string, what: string) => Promise<ActionResult>
}

export function isGitAction(request: ActionRequest): request is GitActionRequest {
  return request.type === 'git.setColor' || request.type === 'git.revert' || request.type === 'git.race' || request.type === 'demo.reset'
}

const short = (sha: string) => sha.slice(0, 7)

/** The git side of the demo, the same for the simulated and the live ops-demo: commit, push, then refresh. */
export async function performGitAction(request: GitActionRequest, repository: PodinfoRepository, report: GitActionReport): Promise<ActionResult> {
  switch (request.type) {
    case 'git.setColor': {
      const values: Record<string, string> = { [COLOR_ENV]: request.color }
      if (request.message !== undefined)
        values[MESSAGE_ENV] = request.message
      const subject = request.commitMessage ?? `podinfo: colour ${request.color}${request.message === undefined
        ? ''
        : `, message "${request.message}"`}`
      const sha = await repository.setPodinfoEnv(values, subject)
      if (!sha)
        throw new Error(`nothing to commit: git already has podinfo at ${request.color}`)
      return report.published(sha, 'edit manifests/apps/podinfo/deployment.yaml')
    }
    case 'git.revert': {
      const sha = await repository.revert(request.sha)
      return report.published(sha, `git revert ${request.sha
        ? short(request.sha)
        : 'HEAD'}`)
    }
    case 'git.race': {
      const { ours, theirs } = podinfoRaceChanges(request.color, request.message)
      report.presenter('two pushes at once: a colleague edits the message, we edit the colour')
      const result = await repository.race(ours, theirs)
      for (const text of raceTimeline(result, repository.branch))
        report.git(text)
      return {
        ...await report.published(result.ours, 'rebased and pushed'),
        theirs: result.theirs,
        rejected: result.rejected,
      }
    }
    case 'demo.reset': {
      const sha = await repository.resetToStart()
      return sha
        ? report.published(sha, 'reset to the starting point')
        : {}
    }
  }
}
