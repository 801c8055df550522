import type { TimelineEvent } from '../../common/protocol'
import type { RaceChange, RaceResult } from './race'
import { COLOR_ENV, MESSAGE_ENV, parsePodinfoDeployment, setPodinfoEnv } from '../../common/manifests'
import { GitProblemError } from '../backend'
import { NothingToChange } from './nothing-to-change'

export const COLLEAGUE_MESSAGE = 'Collega was eerst / Colleague first'

/**
 * The colleague's message, always new to git: a second race with the same text would otherwise be an
 * empty commit that pushes nothing, and no race at all. "text", then "text (2)", "text (3)", …
 */
export function freshMessage(current: string | undefined, wanted: string): string {
  if (current === undefined || !current.startsWith(wanted))
    return wanted
  const rest = current.slice(wanted.length)
  if (rest === '')
    return `${wanted} (2)`
  const counter = /^ \((\d+)\)$/.exec(rest)?.[1]
  return counter
    ? `${wanted} (${Number(counter) + 1})`
    : wanted
}

/** The two changes that race: ours sets podinfo's colour, the colleague's its message (a different line). */
export function podinfoRaceChanges(color: string, message = COLLEAGUE_MESSAGE): { ours: RaceChange, theirs: RaceChange } {
  let theirsMessage = message
  return {
    ours: {
      subject: `podinfo: colour ${color}`,
      edit: text => setPodinfoEnv(text, { [COLOR_ENV]: color }),
      unchanged: () => new NothingToChange('race', color),
    },
    theirs: {
      get subject() {
        return `podinfo: message "${theirsMessage}"`
      },
      edit: (text) => {
        theirsMessage = freshMessage(parsePodinfoDeployment(text)?.template.message, message)
        return setPodinfoEnv(text, { [MESSAGE_ENV]: theirsMessage })
      },
      unchanged: () => new GitProblemError({ kind: 'colleagueUnchanged' }),
    },
  }
}

/** What the timeline says about a race, before the usual "pushed" line of our commit. */
export function raceTimeline(result: RaceResult, branch: string): TimelineEvent[] {
  const events: TimelineEvent[] = [
    { kind: 'git.colleaguePushed', sha: result.theirs, branch },
  ]
  if (result.rejected > 0)
    events.push({ kind: 'git.pushRejected', sha: result.oursBefore, onto: result.theirs })
  return events
}
