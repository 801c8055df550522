import type { Lang } from '../lang'
// Why a question or a vote was refused, in the deck's two languages (the server sends the problem as a kind).
import type { QuestionProblem } from '../protocol'
import { QUESTION_MAX_CHARS } from '../protocol'

type Phrases = Record<QuestionProblem, (retryAfterSeconds?: number) => string>

const en: Phrases = {
  empty: () => 'Type a question first.',
  tooLong: () => `That is more than ${QUESTION_MAX_CHARS} characters: make it shorter.`,
  controlCharacters: () => 'Please remove the line breaks and special characters.',
  duplicate: () => 'Someone asked this already: give that question your vote.',
  tooFast: seconds => `Not so fast: try again in ${seconds ?? 'a few'} seconds.`,
  full: () => 'There are too many open questions right now: vote for one instead.',
  alreadyVoted: () => 'You have voted for this question already.',
  noSuchQuestion: () => 'That question has been answered or removed.',
  noPhone: () => 'Reload this page, then try again.',
  readOnly: () => 'Only the presenter can do that.',
  invalid: () => 'That did not work: reload this page, then try again.',
}

const nl: Phrases = {
  empty: () => 'Typ eerst een vraag.',
  tooLong: () => `Dat is meer dan ${QUESTION_MAX_CHARS} tekens: maak het korter.`,
  controlCharacters: () => 'Haal de regeleinden en speciale tekens weg.',
  duplicate: () => 'Die vraag is al gesteld: stem op die vraag.',
  tooFast: seconds => `Niet zo snel: probeer het over ${seconds ?? 'een paar'} seconden opnieuw.`,
  full: () => 'Er staan nu te veel vragen open: stem liever op een bestaande.',
  alreadyVoted: () => 'Je hebt al op deze vraag gestemd.',
  noSuchQuestion: () => 'Die vraag is al beantwoord of weggehaald.',
  noPhone: () => 'Laad deze pagina opnieuw en probeer het nog eens.',
  readOnly: () => 'Dat kan alleen de spreker.',
  invalid: () => 'Dat lukte niet: laad deze pagina opnieuw en probeer het nog eens.',
}

const phrases: Record<Lang, Phrases> = { nl, en }

export function questionProblemText(problem: QuestionProblem, lang: Lang, retryAfterSeconds?: number): string {
  return phrases[lang][problem](retryAfterSeconds)
}
