import type { Lang } from '../lang'
// Why a cluster action was refused, in the deck's two languages: one line for the presenter's dock. The server's
// English error is the same phrase. An ack's problem is a git failure or one of these.
import type { ActionProblem, GitProblem, Refusal } from '../protocol'
import { refusalSchema } from '../protocol'
import { gitProblemText } from './git-problems'

type Phrases = { [K in Refusal['kind']]: (refusal: Extract<Refusal, { kind: K }>) => string }

const en: Phrases = {
  noCreateNamespace: refusal => `refused: ${refusal.app}'s Application has no CreateNamespace=true, so Argo CD would not bring the namespace back`,
  noSelfHeal: refusal => `refused: ${refusal.app}'s Application has no automated self-heal, so nothing would bring the namespace back`,
  notSettled: refusal => `refused: ${refusal.app} is ${refusal.sync} and ${refusal.health}; start from Synced and Healthy`,
  namespaceNotActive: refusal => refusal.phase === 'Terminating'
    ? `refused: namespace ${refusal.namespace} is already being deleted`
    : `refused: namespace ${refusal.namespace} does not exist (yet)`,
  foreignResources: refusal => `refused: namespace ${refusal.namespace} also holds what ${refusal.app}'s Application does not manage (${refusal.resources.join(', ')}); deleting it would lose that`,
}

const nl: Phrases = {
  noCreateNamespace: refusal => `geweigerd: de Application ${refusal.app} heeft geen CreateNamespace=true, dus Argo CD zou de namespace niet terugzetten`,
  noSelfHeal: refusal => `geweigerd: de Application ${refusal.app} heeft geen automatische self-heal, dus niets zou de namespace terugzetten`,
  notSettled: refusal => `geweigerd: ${refusal.app} is ${refusal.sync} en ${refusal.health}; begin bij Synced en Healthy`,
  namespaceNotActive: refusal => refusal.phase === 'Terminating'
    ? `geweigerd: namespace ${refusal.namespace} wordt al verwijderd`
    : `geweigerd: namespace ${refusal.namespace} bestaat (nog) niet`,
  foreignResources: refusal => `geweigerd: namespace ${refusal.namespace} bevat ook wat de Application ${refusal.app} niet beheert (${refusal.resources.join(', ')}); verwijderen zou dat kwijtmaken`,
}

const phrases: Record<Lang, Phrases> = { nl, en }
const refusalKinds = new Set<string>(refusalSchema.options.map(option => option.shape.kind.value))

export function isRefusal(problem: ActionProblem): problem is Refusal {
  return refusalKinds.has(problem.kind)
}

export function refusalText(refusal: Refusal, lang: Lang): string {
  const phrase = phrases[lang][refusal.kind] as (refusal: Refusal) => string
  return phrase(refusal)
}

/** An ack's failure as the deck shows it: its problem in `lang` when the server gave one, else the server's English. */
export function actionFailureText(failure: { problem?: ActionProblem, detail?: string }, english: string, lang: Lang): string {
  const problem = failure.problem
  if (!problem)
    return english
  return isRefusal(problem)
    ? refusalText(problem, lang)
    : gitProblemText(problem as GitProblem, failure.detail, lang)
}
