import type { Lang } from '../lang'
// Why the Kubernetes API counts as unreachable, in the deck's two languages. The server's English reason uses the
// same phrases, with the API server's address; the kube client's and the API server's own words (`detail`) stay as
// they came. The timeline leaves the address out: on a two-line event it pushed the reason itself off the slide.
import type { ApiProblem } from '../protocol'

type Phrases = { [K in ApiProblem['kind']]: (problem: Extract<ApiProblem, { kind: K }>) => string }

const en: Phrases = {
  noAnswer: problem => `no answer in ${problem.seconds} s (/readyz)`,
  notReady: () => 'the API server says it is not ready (/readyz)',
  failed: problem => problem.detail,
  listFailed: problem => `listing ${problem.resource} failed: ${problem.detail}`,
}

const nl: Phrases = {
  noAnswer: problem => `geen antwoord binnen ${problem.seconds} s (/readyz)`,
  notReady: () => 'de API-server meldt dat hij niet klaar is (/readyz)',
  failed: problem => problem.detail,
  listFailed: problem => `${problem.resource} opvragen mislukt: ${problem.detail}`,
}

const phrases: Record<Lang, Phrases> = { nl, en }

/** Why the API is unreachable, in `lang`: what the room reads; the address is the presenter's business. */
export function apiProblemText(problem: ApiProblem, lang: Lang): string {
  const phrase = phrases[lang][problem.kind] as (problem: ApiProblem) => string
  return phrase(problem)
}
