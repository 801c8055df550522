import type { Lang } from '../lang'
// The timeline's events in words, in the deck's two languages. The server sends kinds with parameters;
// commit subjects, commands and the messages of Kubernetes, git and Argo CD stay as they came (they are data).
import type { TimelineEntry, TimelineEvent, TimelineKind } from '../protocol'
import { shortSha } from '../text'
import { apiProblemText } from './api-problems'
import { gitFailureText } from './git-problems'

type Words = { [K in TimelineKind]: (event: Extract<TimelineEvent, { kind: K }>) => string }

const short = (sha: string | undefined) => shortSha(sha, '?')
/**
 * The first difference in full, the others by name: two lines on a slide, however many fields drifted. Live, Argo CD
 * names resources, not fields.
 */
function diffText(event: Extract<TimelineEvent, { kind: 'app.outOfSync' }>, git: string, live: string, differsFromGit: string) {
  const [first, ...others] = event.diffs ?? []
  if (!first) {
    return event.resources?.length
      ? `${differsFromGit}: ${event.resources.join(', ')}`
      : event.reason
  }
  const rest = others.length
    ? `; + ${others.map(diff => diff.field).join(', ')}`
    : ''
  return `${first.field}: ${git} ${first.git}, ${live} ${first.live}${rest}`
}

/**
 * A failed apply's reason, short enough for a slide: when Argo CD's "one or more objects failed to apply, reason: "
 * lists several objects, all refused for the same cause (gitops-engine sync_context.go 889-905 joins them with a comma), only
 * that cause, in the API server's words: "… forbidden: unable to create new content in namespace podinfo because it
 * is being terminated". Any other reason stays as it came.
 */
export function shortApplyReason(reason: string): string {
  const listed = /^one or more objects failed to apply, reason: (.+)$/s.exec(reason)?.[1]
  if (!listed)
    return reason
  const parts = listed.split(/,(?=[\w.-]+ "[^"]*" is )/)
  const causes = new Set(parts.map(part => /^[\w.-]+ "[^"]*" is (.+)$/s.exec(part)?.[1]))
  const [cause] = causes
  return parts.length > 1 && causes.size === 1 && cause
    ? `… ${cause}`
    : reason
}

function ofLimit(limit: number | undefined, of: string) {
  return limit === undefined
    ? ''
    : ` ${of} ${limit}`
}
function revisionsMore(more: number | undefined, and: (n: number) => string) {
  return more
    ? ` ${and(more)}`
    : ''
}
type Started = Extract<TimelineEvent, { kind: 'app.syncStarted' }>
const whoStarted: Record<Started['initiatedBy'], string> = {
  'manual': 'sync',
  'automated': 'auto-sync',
  'self-heal': 'self-heal',
  'unknown': 'sync',
}

const en: Words = {
  'command': event => `$ ${event.command}`,
  'race.started': () => 'two pushes at once: a colleague changes podinfo\'s text, we change its colour',
  'apps.summary': event => `${event.count} Applications, ${event.healthy} Synced and Healthy${event.sha
    ? ` at ${short(event.sha)}`
    : ''}`,
  'app.revision': event => `${event.app}: new revision ${short(event.sha)}${revisionsMore(event.more, n => `and (${n}) more`)}`,
  'app.outOfSync': (event) => {
    const detail = diffText(event, 'git', 'live', 'differs from git')
    return `${event.app}: OutOfSync${detail
      ? ` (${detail})`
      : ''}`
  },
  'app.synced': event => `${event.app}: Synced${event.sha
    ? ` at ${short(event.sha)}`
    : ''}`,
  'app.health': event => `${event.app}: health ${event.health}`,
  'app.selfHealBackoff': event => `${event.app}: self-heal waits ${event.seconds} s (attempt ${event.attempt})`,
  'app.syncStarted': event => [
    `${event.app}: ${event.dryRun ? 'dry-run ' : ''}${whoStarted[event.initiatedBy]} started`,
    event.attempt
      ? ` (attempt ${event.attempt})`
      : '',
    event.initiatedBy === 'unknown'
      ? ' (initiator unknown)'
      : '',
    event.dryRun ? ' (changes nothing)' : '',
  ].join(''),
  'app.syncSucceeded': event => event.dryRun
    ? `${event.app}: dry-run sync succeeded (nothing changed)`
    : `${event.app}: sync succeeded${event.sha
      ? ` at ${short(event.sha)}`
      : ''}`,
  'app.syncFailed': event => `${event.app}: ${event.dryRun ? 'dry-run ' : ''}sync failed: ${event.reason}`,
  'app.syncRetrying': event => `${event.app}: sync failed, retry ${event.retry}${ofLimit(event.limit, 'of')} in ${event.seconds} s: ${shortApplyReason(event.reason)}`,
  'app.syncRetryStarted': event => `${event.app}: sync retry ${event.retry}${ofLimit(event.limit, 'of')} started`,
  'app.operation': event => event.phase === 'Terminating'
    ? `${event.app}: sync terminating`
    : `${event.app}: operation ${event.phase}${event.reason
      ? ` (${event.reason})`
      : ''}`,
  'app.added': event => `${event.app}: new Application, ${event.sync}, ${event.health}`,
  'app.syncUnknown': event => `${event.app}: sync status unknown${event.reason
    ? ` (${event.reason})`
    : ''}`,
  'app.deleting': event => `${event.app}: Application being deleted`,
  'app.deleted': event => `${event.app}: Application deleted`,
  'app.refreshFailed': event => `${event.app}: refresh request failed (${event.reason}); Argo CD polls git within about 3 minutes`,
  'k8s.scaled': event => `ReplicaSet ${event.replicaSet}: ${event.from} → ${event.to} pods`,
  'k8s.podCreated': event => `pod ${event.pod} created`,
  'k8s.podKilled': event => `pod ${event.pod} stopped`,
  'k8s.namespaceTerminating': event => `namespace ${event.namespace}: Terminating, its content is deleted (pods first)`,
  'k8s.namespaceGone': event => `namespace ${event.namespace} is gone`,
  'k8s.namespaceCreated': event => `namespace ${event.namespace} created`,
  'k8s.event': event => [
    event.warning ? '⚠' : '',
    event.reason,
    event.object,
    event.message,
  ].filter(Boolean).join(' '),
  'api.down': event => `Kubernetes API unreachable: ${event.problem
    ? apiProblemText(event.problem, 'en')
    : event.reason}`,
  'api.up': () => 'Kubernetes API reachable again',
  'git.pushed': event => `${short(event.sha)} ${event.subject}: pushed to ${event.branch}`,
  'git.colleaguePushed': event => `a colleague pushed ${short(event.sha)} to ${event.branch} first`,
  'git.pushRejected': event => `our push of ${short(event.sha)} was rejected (non-fast-forward): rebased onto ${short(event.onto)}, never forced`,
  'git.unavailable': event => `git actions unavailable: ${gitFailureText(event, event.reason, 'en')}`,
  'git.unchanged': event => `nothing to ${event.action}: git already has podinfo at ${event.color}`,
  'git.failed': event => `git failed: ${gitFailureText(event, event.reason, 'en')}`,
}

const nl: Words = {
  'command': event => `$ ${event.command}`,
  'race.started': () => 'twee pushes tegelijk: een collega past de tekst van podinfo aan, wij de kleur',
  'apps.summary': event => `${event.count} Applications, ${event.healthy} Synced en Healthy${event.sha
    ? ` op ${short(event.sha)}`
    : ''}`,
  'app.revision': event => `${event.app}: nieuwe revisie ${short(event.sha)}${revisionsMore(event.more, n => `en nog ${n}`)}`,
  'app.outOfSync': (event) => {
    const detail = diffText(event, 'git', 'cluster', 'wijkt af van git')
    return `${event.app}: OutOfSync${detail
      ? ` (${detail})`
      : ''}`
  },
  'app.synced': event => `${event.app}: Synced${event.sha
    ? ` op ${short(event.sha)}`
    : ''}`,
  'app.health': event => `${event.app}: healthstatus ${event.health}`,
  'app.selfHealBackoff': event => `${event.app}: self-heal wacht ${event.seconds} s (poging ${event.attempt})`,
  'app.syncStarted': event => [
    `${event.app}: ${event.dryRun ? 'dry-run-' : ''}${whoStarted[event.initiatedBy]} gestart`,
    event.attempt
      ? ` (poging ${event.attempt})`
      : '',
    event.initiatedBy === 'unknown'
      ? ' (aanvrager onbekend)'
      : '',
    event.dryRun ? ' (verandert niets)' : '',
  ].join(''),
  'app.syncSucceeded': event => event.dryRun
    ? `${event.app}: dry-run-sync geslaagd (niets veranderd)`
    : `${event.app}: sync geslaagd${event.sha
      ? ` op ${short(event.sha)}`
      : ''}`,
  'app.syncFailed': event => `${event.app}: ${event.dryRun ? 'dry-run-' : ''}sync mislukt: ${event.reason}`,
  'app.syncRetrying': event => `${event.app}: sync mislukt, nieuwe poging ${event.retry}${ofLimit(event.limit, 'van')} over ${event.seconds} s: ${shortApplyReason(event.reason)}`,
  'app.syncRetryStarted': event => `${event.app}: nieuwe syncpoging ${event.retry}${ofLimit(event.limit, 'van')} gestart`,
  'app.operation': event => event.phase === 'Terminating'
    ? `${event.app}: sync wordt afgebroken`
    : `${event.app}: operatie ${event.phase}${event.reason
      ? ` (${event.reason})`
      : ''}`,
  'app.added': event => `${event.app}: nieuwe Application, ${event.sync}, ${event.health}`,
  'app.syncUnknown': event => `${event.app}: syncstatus onbekend${event.reason
    ? ` (${event.reason})`
    : ''}`,
  'app.deleting': event => `${event.app}: Application wordt verwijderd`,
  'app.deleted': event => `${event.app}: Application verwijderd`,
  'app.refreshFailed': event => `${event.app}: refreshverzoek mislukt (${event.reason}); Argo CD kijkt binnen zo'n 3 minuten zelf in Git`,
  'k8s.scaled': event => `ReplicaSet ${event.replicaSet}: ${event.from} → ${event.to} pods`,
  'k8s.podCreated': event => `pod ${event.pod} aangemaakt`,
  'k8s.podKilled': event => `pod ${event.pod} gestopt`,
  'k8s.namespaceTerminating': event => `namespace ${event.namespace}: Terminating, de inhoud wordt verwijderd (pods eerst)`,
  'k8s.namespaceGone': event => `namespace ${event.namespace} is weg`,
  'k8s.namespaceCreated': event => `namespace ${event.namespace} aangemaakt`,
  'k8s.event': event => [
    event.warning ? '⚠' : '',
    event.reason,
    event.object,
    event.message,
  ].filter(Boolean).join(' '),
  'api.down': event => `Kubernetes-API onbereikbaar: ${event.problem
    ? apiProblemText(event.problem, 'nl')
    : event.reason}`,
  'api.up': () => 'Kubernetes-API weer bereikbaar',
  'git.pushed': event => `${short(event.sha)} ${event.subject}: gepusht naar ${event.branch}`,
  'git.colleaguePushed': event => `een collega pushte ${short(event.sha)} eerst naar ${event.branch}`,
  'git.pushRejected': event => `onze push van ${short(event.sha)} geweigerd (non-fast-forward): gerebaset op ${short(event.onto)}, nooit geforceerd`,
  'git.unavailable': event => `git-acties niet beschikbaar: ${gitFailureText(event, event.reason, 'nl')}`,
  'git.unchanged': event => `${event.action === 'commit'
    ? 'niets te committen'
    : 'niets om tegelijk te pushen'}: git heeft podinfo al op ${event.color}`,
  'git.failed': event => `git mislukt: ${gitFailureText(event, event.reason, 'nl')}`,
}

const words: Record<Lang, Words> = { nl, en }

/** One timeline entry in words. */
export function timelineText(entry: TimelineEvent | TimelineEntry, lang: Lang): string {
  const phrase = words[lang][entry.kind] as (event: TimelineEvent) => string
  return phrase(entry)
}

/** The events the projector's short timeline keeps: the story, not every pod. */
const keyKinds = new Set<TimelineKind>([
  'command',
  'race.started',
  'app.revision',
  'app.outOfSync',
  'app.synced',
  'app.health',
  'app.selfHealBackoff',
  'app.syncStarted',
  'app.syncFailed',
  'app.syncRetrying',
  'app.syncRetryStarted',
  'app.operation',
  'app.syncUnknown',
  'app.refreshFailed',
  'app.deleting',
  'app.deleted',
  'k8s.namespaceTerminating',
  'k8s.namespaceGone',
  'k8s.namespaceCreated',
  'api.down',
  'api.up',
  'git.pushed',
  'git.colleaguePushed',
  'git.pushRejected',
  'git.unavailable',
  'git.unchanged',
  'git.failed',
])

export function isKeyEvent(entry: TimelineEntry): boolean {
  return keyKinds.has(entry.kind)
}
