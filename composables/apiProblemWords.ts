import type { ApiProblem } from '../server/protocol'
// Why the Kubernetes API counts as unreachable, in the deck's two languages. The server's English reason uses the
// same phrases; the kube client's and the API server's own words (`detail`) stay as they came.
import type { Lang } from './lang-env'

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

const retrying: Record<Lang, string> = { nl: 'nieuwe poging volgt', en: 'retrying' }
const phrases: Record<Lang, Phrases> = { nl, en }

/** `server: problem; retrying`, in `lang`. */
export function apiProblemText(server: string, problem: ApiProblem, lang: Lang): string {
  const phrase = phrases[lang][problem.kind] as (problem: ApiProblem) => string
  return `${server}: ${phrase(problem)}; ${retrying[lang]}`
}
