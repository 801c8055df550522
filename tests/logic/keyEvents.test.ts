import type { TimelineEntry } from '../../common/protocol'
import { describe, expect, it } from 'vitest'
import { keyEvents } from '../../logic/keyEvents'

const at = (second: number) => new Date(Date.UTC(2026, 10, 20, 14, 0, second)).toISOString()

const timeline: TimelineEntry[] = [
  {
    at: at(0),
    source: 'argocd',
    kind: 'app.health',
    app: 'podinfo',
    health: 'Healthy',
  },
  {
    at: at(10),
    source: 'presenter',
    kind: 'command',
    command: 'git revert --no-edit HEAD && git push',
  },
  {
    at: at(11),
    source: 'git',
    kind: 'git.pushed',
    sha: 'fb7260e1',
    subject: 'Revert',
    branch: 'main',
    action: 'revert',
  },
  {
    at: at(12),
    source: 'argocd',
    kind: 'app.revision',
    app: 'grafana',
    sha: 'fb7260e1',
  },
  {
    at: at(12),
    source: 'kubernetes',
    kind: 'k8s.podCreated',
    pod: 'podinfo-b-1',
  },
  {
    at: at(13),
    source: 'argocd',
    kind: 'app.outOfSync',
    app: 'podinfo',
  },
  {
    at: at(140),
    source: 'argocd',
    kind: 'app.synced',
    app: 'podinfo',
    sha: 'fb7260e1',
  },
]

describe('keyEvents: the few events a short timeline keeps', () => {
  it('keeps podinfo\'s story, newest first, timed from the last command', () => {
    const lines = keyEvents(timeline, { limit: 3 })
    expect(lines.map(line => line.entry.kind)).toEqual(['app.synced', 'app.outOfSync', 'git.pushed'])
    expect(lines.map(line => line.since)).toEqual(['+2m', '+3s', '+1s'])
  })

  it('shows the clock time of what came before the last command, and honours the limit and the sources', () => {
    expect(keyEvents(timeline, { limit: 10 }).at(-1)).toMatchObject({
      since: expect.stringMatching(/^\d\d:\d\d$/),
      entry: { kind: 'app.health' },
    })
    expect(keyEvents(timeline, { limit: 1 })).toHaveLength(1)
    expect(keyEvents(timeline, {
      limit: 10,
      sources: ['git'],
    }).map(line => line.entry.kind)).toEqual(['git.pushed'])
    expect(keyEvents(timeline, { limit: 10, app: 'grafana' }).map(line => line.entry.kind)).toEqual(['app.revision', 'git.pushed'])
  })
})
