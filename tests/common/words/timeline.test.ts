import type { ApiProblem, GitProblem, TimelineEvent } from '../../../common/protocol'
import { describe, expect, it } from 'vitest'
import { apiProblemSchema, gitProblemSchema, timelineEventSchema } from '../../../common/protocol'
import { apiProblemText } from '../../../common/words/api-problems'
import { isKeyEvent, shortApplyReason, timelineText } from '../../../common/words/timeline'
import { GitProblemError } from '../../../server/backend'
import { ENGLISH_ONLY } from '../../helpers/timeline'

const examples: TimelineEvent[] = [
  { kind: 'command', command: 'kubectl -n podinfo scale deploy/podinfo --replicas=3' },
  { kind: 'race.started' },
  {
    kind: 'apps.summary',
    count: 8,
    healthy: 8,
    sha: '0123456789',
  },
  { kind: 'app.revision', app: 'podinfo', sha: 'abcdef0123' },
  {
    kind: 'app.outOfSync',
    app: 'podinfo',
    diffs: [
      { field: 'color', git: '#34577c', live: '#c0392b' },
    ],
  },
  { kind: 'app.synced', app: 'podinfo', sha: 'abcdef0123' },
  { kind: 'app.health', app: 'podinfo', health: 'Progressing' },
  {
    kind: 'app.selfHealBackoff',
    app: 'podinfo',
    seconds: 6,
    attempt: 3,
  },
  {
    kind: 'app.syncStarted',
    app: 'podinfo',
    initiatedBy: 'self-heal',
    attempt: 2,
  },
  { kind: 'app.syncSucceeded', app: 'podinfo', sha: 'abcdef0123' },
  { kind: 'app.syncFailed', app: 'podinfo', reason: 'one or more objects failed to apply' },
  { kind: 'app.operation', app: 'podinfo', phase: 'Terminating' },
  {
    kind: 'app.added',
    app: 'extra',
    sync: 'OutOfSync',
    health: 'Missing',
  },
  { kind: 'app.syncUnknown', app: 'podinfo' },
  { kind: 'app.deleted', app: 'extra' },
  { kind: 'app.refreshFailed', app: 'podinfo', reason: 'forbidden' },
  {
    kind: 'k8s.scaled',
    replicaSet: 'podinfo-abc',
    from: 0,
    to: 2,
  },
  { kind: 'k8s.podCreated', pod: 'podinfo-abc-xyz' },
  { kind: 'k8s.podKilled', pod: 'podinfo-abc-xyz' },
  {
    kind: 'k8s.event',
    warning: true,
    reason: 'BackOff',
    object: 'pod/p',
    message: 'Back-off restarting failed container',
  },
  { kind: 'api.down', reason: 'timeout' },
  { kind: 'api.up' },
  {
    kind: 'git.pushed',
    sha: 'abcdef0123',
    subject: 'podinfo: colour #e67e22',
    branch: 'main',
    action: 'commit',
  },
  { kind: 'git.colleaguePushed', sha: 'abcdef0123', branch: 'main' },
  { kind: 'git.pushRejected', sha: 'abcdef0123', onto: '0123456789' },
  { kind: 'git.unavailable', reason: 'fatal: could not read Username' },
  { kind: 'git.failed', reason: 'the remote declined the push (pre-receive hook declined): branch main is protected' },
  { kind: 'git.unchanged', action: 'race', color: '#6d28d9' },
  // Argo CD's own states (the live backend), appended so the indexes above stay.
  {
    kind: 'app.syncRetrying',
    app: 'podinfo',
    retry: 2,
    limit: 5,
    seconds: 20,
    reason: 'one or more objects failed to apply',
  },
  {
    kind: 'app.syncRetryStarted',
    app: 'podinfo',
    retry: 2,
    limit: 5,
  },
  { kind: 'app.deleting', app: 'extra' },
  { kind: 'app.syncStarted', app: 'podinfo', initiatedBy: 'unknown' },
  {
    kind: 'app.syncStarted',
    app: 'podinfo',
    initiatedBy: 'manual',
    dryRun: true,
  },
  {
    kind: 'app.syncSucceeded',
    app: 'podinfo',
    sha: 'abcdef0123',
    dryRun: true,
  },
  {
    kind: 'app.syncFailed',
    app: 'podinfo',
    reason: 'one or more objects failed to apply (dry run)',
    dryRun: true,
  },
  {
    kind: 'app.revision',
    app: 'prometheus-grafana',
    sha: '78.4.0',
    more: 2,
  },
  {
    kind: 'app.outOfSync',
    app: 'podinfo',
    resources: ['Deployment podinfo/podinfo', 'Service podinfo/podinfo'],
  },
  // The namespace deleted and rebuilt (demo 4).
  { kind: 'k8s.namespaceTerminating', namespace: 'podinfo' },
  { kind: 'k8s.namespaceGone', namespace: 'podinfo' },
  { kind: 'k8s.namespaceCreated', namespace: 'podinfo' },
]

describe('timeline words', () => {
  it('has an example for every kind the protocol knows', () => {
    const kinds = timelineEventSchema.options.map(option => option.shape.kind.value)
    expect(new Set(examples.map(event => event.kind))).toEqual(new Set(kinds))
  })

  it('words every kind in both languages, differently, and Dutch without English phrases', () => {
    for (const event of examples) {
      const nl = timelineText(event, 'nl')
      const en = timelineText(event, 'en')
      expect(nl.length, event.kind).toBeGreaterThan(0)
      expect(en.length, event.kind).toBeGreaterThan(0)
      if (!['command', 'k8s.event', 'k8s.scaled'].includes(event.kind))
        expect(nl, event.kind).not.toBe(en)
      // Data (reasons, messages, subjects) may be English: only the deck's own words are checked.
      const data = Object.entries(event).filter(([key, value]) => key !== 'kind' && typeof value === 'string').map(([, value]) => value as string)
      const words = data.reduce((text, value) => text.replaceAll(value, ''), nl)
      expect(words, `${event.kind}: ${nl}`).not.toMatch(ENGLISH_ONLY)
    }
  })

  it('keeps data as data: commit subjects, commands and Kubernetes messages are not translated', () => {
    expect(timelineText(examples[0]!, 'nl')).toBe('$ kubectl -n podinfo scale deploy/podinfo --replicas=3')
    expect(timelineText(examples[22]!, 'nl')).toContain('podinfo: colour #e67e22')
    expect(timelineText(examples[19]!, 'nl')).toContain('Back-off restarting failed container')
  })

  it('words Argo CD\'s retries, dry runs, several sources and the resources that differ', () => {
    const words = (from: number) => examples.slice(from, from + 9).map(event => [
      timelineText(event, 'en'),
      timelineText(event, 'nl'),
    ])
    expect(words(28)).toEqual([
      ['podinfo: sync failed, retry 2 of 5 in 20 s: one or more objects failed to apply', 'podinfo: sync mislukt, nieuwe poging 2 van 5 over 20 s: one or more objects failed to apply'],
      ['podinfo: sync retry 2 of 5 started', 'podinfo: nieuwe syncpoging 2 van 5 gestart'],
      ['extra: Application being deleted', 'extra: Application wordt verwijderd'],
      ['podinfo: sync started (initiator unknown)', 'podinfo: sync gestart (aanvrager onbekend)'],
      ['podinfo: dry-run sync started (changes nothing)', 'podinfo: dry-run-sync gestart (verandert niets)'],
      ['podinfo: dry-run sync succeeded (nothing changed)', 'podinfo: dry-run-sync geslaagd (niets veranderd)'],
      ['podinfo: dry-run sync failed: one or more objects failed to apply (dry run)', 'podinfo: dry-run-sync mislukt: one or more objects failed to apply (dry run)'],
      ['prometheus-grafana: new revision 78.4.0 and (2) more', 'prometheus-grafana: nieuwe revisie 78.4.0 en nog 2'],
      ['podinfo: OutOfSync (differs from git: Deployment podinfo/podinfo, Service podinfo/podinfo)', 'podinfo: OutOfSync (wijkt af van git: Deployment podinfo/podinfo, Service podinfo/podinfo)'],
    ])
    expect([
      timelineText(examples[11]!, 'en'),
      timelineText(examples[11]!, 'nl'),
    ]).toEqual(['podinfo: sync terminating', 'podinfo: sync wordt afgebroken'])
  })

  it('words the namespace\'s deletion and its return, in both languages, on the projector\'s short timeline', () => {
    const namespace = examples.slice(-3)
    expect(namespace.map(event => [
      timelineText(event, 'en'),
      timelineText(event, 'nl'),
    ])).toEqual([
      ['namespace podinfo: Terminating, its content is deleted (pods first)', 'namespace podinfo: Terminating, de inhoud wordt verwijderd (pods eerst)'],
      ['namespace podinfo is gone', 'namespace podinfo is weg'],
      ['namespace podinfo created', 'namespace podinfo aangemaakt'],
    ])
    expect(namespace.every(event => isKeyEvent({ ...event, at: '2026-11-20T14:00:00Z', source: 'kubernetes' }))).toBe(true)
  })

  it('shows desired against live for a drift', () => {
    expect(timelineText(examples[4]!, 'nl')).toBe('podinfo: OutOfSync (color: git #34577c, cluster #c0392b)')
    expect(timelineText(examples[4]!, 'en')).toBe('podinfo: OutOfSync (color: git #34577c, live #c0392b)')
  })

  it('says in the deck\'s language why git failed, git\'s own words after it; English as the server\'s error says it', () => {
    const problems: GitProblem[] = [
      { kind: 'noSuchCommit', sha: 'deadbeef', branch: 'main' },
      { kind: 'firstCommit' },
      { kind: 'alreadyUndone' },
      {
        kind: 'revertConflicts',
        sha: 'abcdef0123',
        files: ['manifests/podinfo/deployment.yaml'],
      },
      { kind: 'revertFailed', sha: 'abcdef0123' },
      { kind: 'colleagueUnchanged' },
      { kind: 'noAnswer', seconds: 1.5 },
      { kind: 'rebaseConflicts', remote: 'origin', branch: 'main' },
      { kind: 'pushDeclined', reason: 'pre-receive hook declined' },
      { kind: 'pushFailed', remote: 'http://git.example/ops-demo.git' },
      { kind: 'raceFailed' },
      { kind: 'cloneFailed', remote: 'https://github.com/example/ops-demo.git' },
      { kind: 'checkoutFailed', branch: 'main', remote: 'https://github.com/example/ops-demo.git' },
    ]
    expect(new Set(problems.map(problem => problem.kind))).toEqual(new Set(gitProblemSchema.options.map(option => option.shape.kind.value)))
    for (const problem of problems) {
      const error = new GitProblemError(problem, 'fatal: the words of git')
      const event: TimelineEvent = {
        kind: 'git.failed',
        reason: error.message,
        problem,
        detail: error.detail,
      }
      expect(timelineText(event, 'en')).toBe(`git failed: ${error.message}`)
      const nl = timelineText(event, 'nl')
      expect(nl, problem.kind).toMatch(/^git mislukt: .+: fatal: the words of git$/)
      const words = [
        ...Object.values(problem),
        'fatal: the words of git',
      ].filter(value => typeof value === 'string').reduce((text, value) => text.replaceAll(value, ''), nl)
      expect(words, `${problem.kind}: ${nl}`).not.toMatch(ENGLISH_ONLY)
      expect(nl).not.toBe(timelineText(event, 'en').replace('git failed', 'git mislukt'))
      // The same words when git is unavailable from the start (the live backend could not clone).
      const unavailable: TimelineEvent = {
        kind: 'git.unavailable',
        reason: error.message,
        problem,
        detail: error.detail,
      }
      expect(timelineText(unavailable, 'en')).toBe(`git actions unavailable: ${error.message}`)
      expect(timelineText(unavailable, 'nl')).toBe(nl.replace('git mislukt', 'git-acties niet beschikbaar'))
    }
    expect(timelineText({
      kind: 'git.failed',
      reason: 'x',
      problem: { kind: 'noAnswer', seconds: 2 },
    }, 'nl'))
      .toBe('git mislukt: git gaf binnen 2 s geen antwoord (een remote die niet antwoordt, of die op inloggegevens wacht)')
  })

  it('says in the deck\'s language why the Kubernetes API is unreachable; the client\'s own words stay', () => {
    const problems: ApiProblem[] = [
      { kind: 'noAnswer', seconds: 2 },
      { kind: 'notReady' },
      { kind: 'failed', detail: 'connect ECONNREFUSED 192.168.56.10:6443' },
      { kind: 'listFailed', resource: 'Pods', detail: 'HTTP 500: etcdserver: request timed out' },
    ]
    expect(new Set(problems.map(problem => problem.kind))).toEqual(new Set(apiProblemSchema.options.map(option => option.shape.kind.value)))
    for (const problem of problems) {
      const event: TimelineEvent = { kind: 'api.down', reason: 'https://192.168.56.10:6443: …; retrying', problem }
      expect(timelineText(event, 'en')).toBe(`Kubernetes API unreachable: ${apiProblemText(problem, 'en')}`)
      const nl = timelineText(event, 'nl')
      expect(nl, problem.kind).toMatch(/^Kubernetes-API onbereikbaar: ./)
      const words = nl.replace('detail' in problem
        ? problem.detail
        : '', '')
      expect(words, `${problem.kind}: ${nl}`).not.toMatch(ENGLISH_ONLY)
    }
    expect(timelineText({ kind: 'api.down', reason: 'x', problem: problems[0]! }, 'nl')).toBe('Kubernetes-API onbereikbaar: geen antwoord binnen 2 s (/readyz)')
    expect(timelineText({ kind: 'api.down', reason: 'x', problem: problems[3]! }, 'nl')).toBe('Kubernetes-API onbereikbaar: Pods opvragen mislukt: HTTP 500: etcdserver: request timed out')
  })

  it('says in the deck\'s language that a commit or race would change nothing', () => {
    const commit: TimelineEvent = { kind: 'git.unchanged', action: 'commit', color: '#c2410c' }
    const race: TimelineEvent = { kind: 'git.unchanged', action: 'race', color: '#6d28d9' }
    expect(timelineText(commit, 'nl')).toBe('niets te committen: git heeft podinfo al op #c2410c')
    expect(timelineText(race, 'nl')).toBe('niets om tegelijk te pushen: git heeft podinfo al op #6d28d9')
    expect(timelineText(commit, 'en')).toBe('nothing to commit: git already has podinfo at #c2410c')
    expect(isKeyEvent({
      at: new Date(0).toISOString(),
      source: 'git',
      ...race,
    })).toBe(true)
  })

  it('names the other drifted fields after the first, so the line stays short', () => {
    const drifted: TimelineEvent = {
      kind: 'app.outOfSync',
      app: 'podinfo',
      diffs: [
        { field: 'color', git: '#0f766e', live: '#6d28d9' },
        { field: 'message', git: 'Collega was eerst (2) / Colleague first (2)', live: 'Collega was eerst / Colleague first' },
        { field: 'replicas', git: '2', live: '4' },
      ],
    }
    expect(timelineText(drifted, 'en')).toBe('podinfo: OutOfSync (color: git #0f766e, live #6d28d9; + message, replicas)')
    expect(timelineText(drifted, 'nl')).toBe('podinfo: OutOfSync (color: git #0f766e, cluster #6d28d9; + message, replicas)')
  })

  it('keeps the story and drops pod-level noise from the short timeline', () => {
    const at = new Date(0).toISOString()
    expect(isKeyEvent({ at, source: 'argocd', ...examples[4]! })).toBe(true)
    expect(isKeyEvent({ at, source: 'kubernetes', ...examples[17]! })).toBe(false)
  })
})

describe('a failed apply\'s reason on a slide', () => {
  const forbidden = (resource: string) => `${resource} "podinfo" is forbidden: unable to create new content in namespace podinfo because it is being terminated`

  it('says the API server\'s refusal once when every object got the same one (demo 4\'s 403)', () => {
    const reason = `one or more objects failed to apply, reason: ${[
      forbidden('services'),
      forbidden('deployments.apps'),
      forbidden('ingresses.networking.k8s.io'),
    ].join(',')}`
    expect(shortApplyReason(reason)).toBe('… forbidden: unable to create new content in namespace podinfo because it is being terminated')
    const event: TimelineEvent = {
      kind: 'app.syncRetrying',
      app: 'podinfo',
      retry: 1,
      limit: 5,
      seconds: 10,
      reason,
    }
    expect(timelineText(event, 'en')).toBe('podinfo: sync failed, retry 1 of 5 in 10 s: … forbidden: unable to create new content in namespace podinfo because it is being terminated')
    expect(timelineText(event, 'nl')).toBe('podinfo: sync mislukt, nieuwe poging 1 van 5 over 10 s: … forbidden: unable to create new content in namespace podinfo because it is being terminated')
  })

  it('keeps any other reason as Argo CD wrote it: one object, different causes, no list', () => {
    const one = `one or more objects failed to apply, reason: ${forbidden('services')}`
    expect(shortApplyReason(one)).toBe(one)
    const mixed = `one or more objects failed to apply, reason: ${forbidden('services')},deployments.apps "podinfo" is invalid: spec.replicas: Invalid value: -1`
    expect(shortApplyReason(mixed)).toBe(mixed)
    expect(shortApplyReason('one or more objects failed to apply')).toBe('one or more objects failed to apply')
  })
})
