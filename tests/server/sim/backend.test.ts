import type { DemoState } from '../../../common/protocol'
import type { TestClient, TestServer } from '../helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { timelineText } from '../../../common/words/timeline'
import { line } from '../../helpers/timeline'
import { connectClient, podinfoApp, settled, startTestServer, TEST_TOKEN, transitions, turnSelfHealOff } from '../helpers'

// The scenarios of the talk, watched as the audience sees them: the `state` events.
describe('simulated ops-demo scenarios', () => {
  let server: TestServer
  let presenter: TestClient
  let audience: TestClient
  let gitColor: string

  beforeAll(async () => {
    server = await startTestServer({ speed: 10 })
    presenter = await connectClient(server.url, TEST_TOKEN)
    audience = await connectClient(server.url)
    const start = await audience.waitFor(settled, 'the starting state')
    gitColor = start.podinfo.color
  })

  afterAll(async () => {
    presenter.close()
    audience.close()
    await server.close()
  })

  it('starts with every Application Synced and Healthy at the git head', () => {
    const state = audience.latest()
    expect(state.mode).toBe('simulated')
    expect(state.applications.map(app => app.name)).toEqual(expect.arrayContaining(['root', 'podinfo']))
    for (const app of state.applications) {
      expect(app.syncStatus).toBe('Synced')
      expect(app.healthStatus).toBe('Healthy')
      expect(app.revision).toBe(state.git.head)
    }
    expect(gitColor).toMatch(/^#[0-9a-f]{6}$/i)
    expect(state.podinfo.pods).toHaveLength(state.podinfo.desiredReplicas)
  })

  it('colour drift: OutOfSync, then self-healed back to the git colour', async () => {
    const from = audience.states.length - 1
    expect(await presenter.act({ type: 'drift.setColor', color: '#ff0000' })).toEqual({ ok: true })
    await audience.waitFor(state => podinfoApp(state).syncStatus === 'OutOfSync', 'OutOfSync')
    const healed = await audience.waitFor(state => settled(state) && state.podinfo.color === gitColor, 'healed')
    const seen = audience.states.slice(from)
    expect(transitions(seen, state => podinfoApp(state).syncStatus)).toEqual(['Synced', 'OutOfSync', 'Synced'])
    expect(transitions(seen, state => state.podinfo.color)).toEqual([gitColor, '#ff0000', gitColor])
    expect(seen.some(state => state.podinfo.pods.some(pod => pod.phase === 'Pending'))).toBe(true)
    expect(seen.some(state => state.podinfo.pods.some(pod => pod.phase === 'Terminating'))).toBe(true)
    expect(podinfoApp(healed).operation).toMatchObject({ phase: 'Succeeded', initiatedBy: 'self-heal' })
    const story = healed.timeline.map(entry => `${entry.source}: ${line(entry)}`)
    const order = [
      story.findIndex(text => text.startsWith('presenter: $ kubectl -n podinfo set env')),
      story.findIndex(text => text.startsWith('argocd: podinfo: OutOfSync')),
      story.findIndex(text => /self-heal started \(attempt \d+\)/.test(text)),
      story.findLastIndex(text => text.startsWith('argocd: podinfo: sync succeeded')),
    ]
    expect(order.every(index => index >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })

  it('scale drift: OutOfSync, then scaled back to the replicas in git', async () => {
    const desired = audience.latest().podinfo.desiredReplicas
    const from = audience.states.length - 1
    expect(await presenter.act({ type: 'drift.scale', replicas: 5 })).toEqual({ ok: true })
    await audience.waitFor(state => podinfoApp(state).syncStatus === 'OutOfSync', 'OutOfSync')
    await audience.waitFor(state => settled(state) && state.podinfo.desiredReplicas === desired, 'scaled back')
    const seen = audience.states.slice(from)
    expect(transitions(seen, state => state.podinfo.desiredReplicas)).toEqual([desired, 5, desired])
    expect(transitions(seen, state => podinfoApp(state).syncStatus)).toEqual(['Synced', 'OutOfSync', 'Synced'])
  })

  it('a deleted pod is replaced while the Application stays Synced', async () => {
    const before = audience.latest()
    const victim = before.podinfo.pods[0]!.name
    const from = audience.states.length - 1
    expect(await presenter.act({ type: 'drift.deletePod', pod: victim })).toEqual({ ok: true })
    const after = await audience.waitFor(state => settled(state) && !state.podinfo.pods.some(pod => pod.name === victim), 'pod replaced')
    expect(after.podinfo.pods).toHaveLength(before.podinfo.pods.length)
    expect(transitions(audience.states.slice(from), state => podinfoApp(state).syncStatus)).toEqual(['Synced'])
    expect(await presenter.act({ type: 'drift.deletePod', pod: 'podinfo-nope-nope' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('no pod'),
    })
  })

  it('git.setColor: new HEAD, Synced at that revision, pods rolled to the new colour', async () => {
    const from = audience.states.length - 1
    const response = await presenter.act({ type: 'git.setColor', color: '#00aa55' })
    expect(response).toMatchObject({
      ok: true,
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
    })
    const sha = response.ok ? response.sha! : ''
    const done = await audience.waitFor(state => settled(state) && podinfoApp(state).revision === sha && state.podinfo.color === '#00aa55', 'synced to the commit')
    expect(done.git.head).toBe(sha)
    expect(done.git.log[0]).toMatchObject({ sha, author: 'Presenter' })
    expect(done.git.lastDiff).toContain('#00aa55')
    expect(done.git.desired).toMatchObject({ color: '#00aa55' })
    expect(done.git.desired?.uiYaml).toContain('value: "#00aa55"')
    const seen = audience.states.slice(from)
    // The commit is visible before Argo CD has it: HEAD moves first, the Application follows.
    const headMoved = seen.findIndex(state => state.git.head === sha)
    const appMoved = seen.findIndex(state => podinfoApp(state).revision === sha)
    expect(headMoved).toBeGreaterThanOrEqual(0)
    expect(appMoved).toBeGreaterThan(headMoved)
    expect(podinfoApp(seen[appMoved]!).syncStatus).toBe('OutOfSync')
    expect(transitions(seen, state => state.podinfo.color)).toEqual([gitColor, '#00aa55'])
    expect(podinfoApp(done).operation).toMatchObject({ phase: 'Succeeded', initiatedBy: 'automated' })
  })

  it('git.revert: a new commit takes podinfo back to the previous colour', async () => {
    const before = audience.latest()
    const response = await presenter.act({ type: 'git.revert' })
    expect(response).toMatchObject({
      ok: true,
      sha: expect.any(String),
    })
    const sha = response.ok ? response.sha! : ''
    const done = await audience.waitFor(state => settled(state) && podinfoApp(state).revision === sha, 'synced to the revert')
    expect(done.podinfo.color).toBe(gitColor)
    expect(done.git.log[0]!.subject).toMatch(/^Revert "/)
    expect(done.git.log.length).toBe(before.git.log.length + 1)
  })

  it('a revert git cannot do is refused, and the timeline says why in the deck\'s language, not in English', async () => {
    const { log } = audience.latest().git
    const failed = (state: DemoState) => state.timeline.filter(entry => entry.kind === 'git.failed')
    const before = failed(audience.latest()).length
    const reverted = log[1]!.sha // the previous test reverted this commit
    const first = log.at(-1)!.sha
    expect(await presenter.act({ type: 'git.revert', sha: reverted })).toEqual({
      ok: false,
      error: 'nothing to revert: the change is already undone',
      problem: { kind: 'alreadyUndone' },
    })
    expect(await presenter.act({ type: 'git.revert', sha: first })).toEqual({
      ok: false,
      error: 'the first commit cannot be reverted: reset the demo instead',
      problem: { kind: 'firstCommit' },
    })
    const failures = failed(await audience.waitFor(state => failed(state).length === before + 2, 'both failures on the timeline')).slice(-2)
    expect(failures.map(entry => timelineText(entry, 'nl'))).toEqual([
      'git mislukt: niets terug te draaien: de wijziging is al ongedaan gemaakt',
      'git mislukt: de eerste commit kan niet worden teruggedraaid: zet de demo terug',
    ])
    expect(audience.latest().git.log).toEqual(log)
  })

  it('git.race: a colleague pushes first, ours is rejected, rebased and pushed; both changes reach the pods', async () => {
    const before = audience.latest().git.log.length
    const response = await presenter.act({ type: 'git.race', color: '#e67e22' })
    expect(response).toMatchObject({ ok: true, rejected: 1 })
    const synced = await audience.waitFor(state => settled(state) && state.podinfo.color === '#e67e22' && state.podinfo.pods.every(pod => pod.color === '#e67e22'), 'both changes synced')
    expect(synced.git.log.length).toBe(before + 2)
    expect(synced.git.log.slice(0, 2).map(commit => commit.author)).toEqual(['Presenter', 'A colleague'])
    expect(synced.podinfo.message).toBe('Collega was eerst / Colleague first')
    expect(synced.timeline.some(entry => entry.source === 'git' && /rejected \(non-fast-forward\)/.test(line(entry)))).toBe(true)
    expect(podinfoApp(synced).revision).toBe(synced.git.head)
  })

  it('demo.reset: back to the starting content by a new commit, nothing lost', async () => {
    const change = await presenter.act({ type: 'git.setColor', color: '#123456', message: 'Reset me' })
    expect(change.ok).toBe(true)
    await audience.waitFor(state => settled(state) && state.podinfo.color === '#123456', 'the change synced')
    expect(audience.latest().podinfo.message).toBe('Reset me')
    const before = audience.latest().git.log
    const response = await presenter.act({ type: 'demo.reset' })
    expect(response).toMatchObject({
      ok: true,
      sha: expect.any(String),
    })
    const sha = response.ok ? response.sha! : ''
    const done = await audience.waitFor(state => settled(state) && podinfoApp(state).revision === sha, 'synced to the reset')
    expect(done.podinfo.color).toBe(gitColor)
    expect(done.git.log.length).toBe(before.length + 1)
    expect(done.git.log.slice(1).map(commit => commit.sha)).toEqual(before.map(commit => commit.sha))
    // At the start already: nothing to commit, still fine.
    expect(await presenter.act({ type: 'demo.reset' })).toEqual({ ok: true })
  })

  it('app.refresh and app.sync answer for known Applications and refuse unknown ones', async () => {
    expect(await presenter.act({ type: 'app.refresh', app: 'root' })).toEqual({ ok: true })
    expect(await presenter.act({ type: 'app.sync', app: 'root' })).toEqual({ ok: true })
    await audience.waitFor(state => state.applications.find(app => app.name === 'root')?.operation?.phase === 'Succeeded', 'root synced')
    expect(await presenter.act({ type: 'app.sync', app: 'nope' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('no Application "nope"'),
    })
  })
})

describe('an Application without selfHeal', () => {
  it('leaves drift OutOfSync until someone syncs', async () => {
    const server = await startTestServer({ speed: 10 }, turnSelfHealOff)
    const presenter = await connectClient(server.url, TEST_TOKEN)
    try {
      const start = await presenter.waitFor(settled, 'the starting state')
      expect(podinfoApp(start).automated).toEqual({ prune: true, selfHeal: false })
      await presenter.act({ type: 'drift.scale', replicas: 4 })
      await presenter.waitFor(state => podinfoApp(state).syncStatus === 'OutOfSync' && state.podinfo.readyReplicas === 4, 'drift rolled out')
      // Argo CD refreshes (the poll, a refresh) but never heals: still OutOfSync afterwards.
      const refreshedAt = podinfoApp(presenter.latest()).reconciledAt
      await presenter.act({ type: 'app.refresh', app: 'podinfo' })
      await presenter.waitFor(state => podinfoApp(state).reconciledAt !== refreshedAt, 'a refresh')
      expect(podinfoApp(presenter.latest()).syncStatus).toBe('OutOfSync')
      expect(presenter.latest().podinfo.desiredReplicas).toBe(4)
      expect(presenter.states.some(state => podinfoApp(state).operation?.phase === 'Running')).toBe(false)
      expect(await presenter.act({ type: 'app.sync', app: 'podinfo' })).toEqual({ ok: true })
      await presenter.waitFor(state => settled(state) && state.podinfo.desiredReplicas === start.podinfo.desiredReplicas, 'synced by hand')
    }
    finally {
      presenter.close()
      await server.close()
    }
  })
})
