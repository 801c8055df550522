import type { TimelineEvent } from '../protocol'
import type { RaceChange, RaceResult } from './race'
import { COLOR_ENV, MESSAGE_ENV, setPodinfoEnv } from '../sim/manifests'

export const COLLEAGUE_MESSAGE = 'Een collega was sneller / A colleague was faster'

/** The two changes that race: ours sets podinfo's colour, the colleague's its message (a different line). */
export function podinfoRaceChanges(color: string, message = COLLEAGUE_MESSAGE): { ours: RaceChange, theirs: RaceChange } {
  return {
    ours: {
      subject: `podinfo: colour ${color}`,
      edit: text => setPodinfoEnv(text, { [COLOR_ENV]: color }),
    },
    theirs: {
      subject: `podinfo: message "${message}"`,
      edit: text => setPodinfoEnv(text, { [MESSAGE_ENV]: message }),
    },
  }
}

/** What the timeline says about a race, before the usual "pushed" line of our commit. */
export function raceTimeline(result: RaceResult, branch: string): TimelineEvent[] {
  return [
    { kind: 'git.colleaguePushed', sha: result.theirs, branch },
    { kind: 'git.pushRejected', sha: result.oursBefore, onto: result.theirs },
  ]
}
