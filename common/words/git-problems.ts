import type { Lang } from '../lang'
// Why a git action failed, in the deck's two languages. The server words its English error with the same phrases.
import type { GitProblem } from '../protocol'
import { shortSha } from '../text'

type Phrases = { [K in GitProblem['kind']]: (problem: Extract<GitProblem, { kind: K }>) => string }

const short = (sha: string) => shortSha(sha)

const en: Phrases = {
  noSuchCommit: problem => `no commit ${problem.sha} on ${problem.branch}`,
  firstCommit: () => 'the first commit cannot be reverted: reset the demo instead',
  alreadyUndone: () => 'nothing to revert: the change is already undone',
  revertConflicts: problem => `cannot revert ${short(problem.sha)}: it conflicts with later changes to ${problem.files.join(', ')}`,
  revertFailed: problem => `cannot revert ${short(problem.sha)}`,
  colleagueUnchanged: () => 'the colleague\'s change is already in git: there is nothing to race',
  noAnswer: problem => `git gave no answer in ${problem.seconds} s (a remote that does not answer, or one waiting for credentials)`,
  rebaseConflicts: problem => `push rejected and the rebase onto ${problem.remote}/${problem.branch} conflicts`,
  pushDeclined: problem => `the remote declined the push (${problem.reason})`,
  pushFailed: problem => `push${problem.remote
    ? ` to ${problem.remote}`
    : ''} failed`,
  raceFailed: problem => `the race${problem.remote
    ? ` against ${problem.remote}`
    : ''} failed`,
  cloneFailed: problem => `cannot clone ${problem.remote}`,
  checkoutFailed: problem => `cannot check out ${problem.branch} of ${problem.remote}`,
}

const nl: Phrases = {
  noSuchCommit: problem => `geen commit ${problem.sha} op ${problem.branch}`,
  firstCommit: () => 'de eerste commit kan niet worden teruggedraaid: zet de demo terug',
  alreadyUndone: () => 'niets terug te draaien: de wijziging is al ongedaan gemaakt',
  revertConflicts: problem => `${short(problem.sha)} kan niet worden teruggedraaid: dat geeft een conflict met latere wijzigingen in ${problem.files.join(', ')}`,
  revertFailed: problem => `${short(problem.sha)} kan niet worden teruggedraaid`,
  colleagueUnchanged: () => 'de wijziging van de collega staat al in git: er is niets om tegelijk te pushen',
  noAnswer: problem => `git gaf binnen ${problem.seconds} s geen antwoord (een remote die niet antwoordt, of die op inloggegevens wacht)`,
  rebaseConflicts: problem => `push geweigerd, en de rebase op ${problem.remote}/${problem.branch} geeft een conflict`,
  pushDeclined: problem => `de remote weigerde de push (${problem.reason})`,
  pushFailed: problem => `pushen${problem.remote
    ? ` naar ${problem.remote}`
    : ''} mislukt`,
  raceFailed: problem => `de race${problem.remote
    ? ` tegen ${problem.remote}`
    : ''} mislukt`,
  cloneFailed: problem => `${problem.remote} klonen mislukt`,
  checkoutFailed: problem => `${problem.branch} van ${problem.remote} uitchecken mislukt`,
}

const phrases: Record<Lang, Phrases> = { nl, en }

/** The problem in `lang`, then git's own words (`detail`) after a colon. */
export function gitProblemText(problem: GitProblem, detail: string | undefined, lang: Lang): string {
  const phrase = phrases[lang][problem.kind] as (problem: GitProblem) => string
  return detail
    ? `${phrase(problem)}: ${detail}`
    : phrase(problem)
}

/** A failure as the deck shows it: its problem in `lang` when the server gave one, else the server's English text. */
export function gitFailureText(failure: { problem?: GitProblem, detail?: string }, english: string, lang: Lang): string {
  return failure.problem
    ? gitProblemText(failure.problem, failure.detail, lang)
    : english
}
