// @vitest-environment happy-dom
import type { DemoState, TimelineEntry } from '../../common/protocol'
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import DemoControls from '../../components/DemoControls.vue'
import DesiredVsLive from '../../components/DesiredVsLive.vue'
import KeyTimeline from '../../components/KeyTimeline.vue'
import PhaseStrip from '../../components/PhaseStrip.vue'
import PodinfoBig from '../../components/PodinfoBig.vue'
import RaceHistory from '../../components/RaceHistory.vue'
import StatusChip from '../../components/StatusChip.vue'
import TerminalLine from '../../components/TerminalLine.vue'
import { useLang } from '../../composables/useLang'
import { COMMIT_COLOR, DRIFT_COLOR, pressDemoKey } from '../../logic/demoControls'
import { demoFake } from '../helpers/fake-demo'
import { ENGLISH_ONLY } from '../helpers/timeline'

vi.mock('../../composables/useDemo', () => import('../helpers/fake-demo'))

const START = '#34577c'
const at = (second: number) => new Date(Date.UTC(2026, 10, 26, 9, 0, second)).toISOString()

function update(change: (state: DemoState) => DemoState) {
  demoFake.state.value = change(demoFake.state.value!)
}

describe('the live demo, as the room sees it', () => {
  beforeEach(() => {
    demoFake.reset()
    useLang().lang.value = 'nl'
  })

  it('podinfo big: the colour its ready pods serve, in readable ink, and its pods grouped by ReplicaSet', () => {
    update(state => ({
      ...state,
      podinfo: {
        ...state.podinfo,
        color: COMMIT_COLOR,
        readyReplicas: 2,
        pods: [
          {
            name: 'podinfo-a-1',
            phase: 'Running',
            ready: true,
            replicaSet: 'podinfo-a',
            color: START,
          },
          {
            name: 'podinfo-a-2',
            phase: 'Running',
            ready: true,
            replicaSet: 'podinfo-a',
            color: START,
          },
          {
            name: 'podinfo-b-1',
            phase: 'Pending',
            ready: false,
            replicaSet: 'podinfo-b',
            color: COMMIT_COLOR,
          },
        ],
      },
    }))
    const wrapper = mount(PodinfoBig)
    // The template says orange, but the browser still gets blue: only ready pods serve.
    expect(wrapper.get('[data-testid="podinfo-window"]').attributes('data-color')).toBe(START)
    expect(wrapper.findAll('[data-replicaset]').map(group => group.findAll('.pod').length)).toEqual([2, 1])
    expect(wrapper.get('[data-testid="replicas"]').text()).toBe('2 van 2 pods klaar')
    useLang().lang.value = 'en'
    return flushPromises().then(() => expect(wrapper.get('[data-testid="replicas"]').text()).toBe('2 of 2 pods ready'))
  })

  it('desired vs live: = while they agree, ≠ with both colours while the cluster drifts', async () => {
    const wrapper = mount(DesiredVsLive)
    expect(wrapper.get('.relation').text()).toBe('=')
    update(state => ({
      ...state,
      podinfo: { ...state.podinfo, color: DRIFT_COLOR },
    }))
    await flushPromises()
    expect(wrapper.get('.relation').text()).toBe('≠')
    expect(wrapper.get('[data-side="git"]').text()).toContain(START)
    expect(wrapper.get('[data-side="cluster"]').text()).toContain(DRIFT_COLOR)
    expect(wrapper.text()).toContain('Git (gewenst)')
  })

  it('the phase strip lights the phase the state is in and marks the ones before it done', async () => {
    update(state => ({
      ...state,
      applications: state.applications.map(app => app.name === 'podinfo'
        ? { ...app, syncStatus: 'OutOfSync' as const }
        : app),
    }))
    const wrapper = mount(PhaseStrip, {
      props: { start: 'kubectl' },
    })
    expect(wrapper.get('[data-testid="phase-strip"]').attributes('data-phase')).toBe('outOfSync')
    expect(wrapper.get('.now').attributes('data-step')).toBe('outOfSync')
    expect(wrapper.findAll('.done').map(step => step.attributes('data-step'))).toEqual(['changed'])
    expect(wrapper.get('[data-step="rolling"]').text()).toContain('nieuwe pods')
  })

  it('the short timeline: newest first, only podinfo\'s story, in the chosen language, times since the command', async () => {
    const timeline: TimelineEntry[] = [
      {
        at: at(0),
        source: 'presenter',
        kind: 'command',
        command: `kubectl -n podinfo set env deploy/podinfo PODINFO_UI_COLOR=${DRIFT_COLOR}`,
      },
      {
        at: at(1),
        source: 'kubernetes',
        kind: 'k8s.podCreated',
        pod: 'podinfo-x-1',
      },
      {
        at: at(1),
        source: 'argocd',
        kind: 'app.outOfSync',
        app: 'podinfo',
        diffs: [
          { field: 'color', git: START, live: DRIFT_COLOR },
        ],
      },
      {
        at: at(1),
        source: 'argocd',
        kind: 'app.revision',
        app: 'metallb',
        sha: 'abcdef1',
      },
      {
        at: at(2),
        source: 'argocd',
        kind: 'app.syncStarted',
        app: 'podinfo',
        initiatedBy: 'self-heal',
        attempt: 1,
      },
      {
        at: at(4),
        source: 'argocd',
        kind: 'app.synced',
        app: 'podinfo',
        sha: 'abcdef1',
      },
    ]
    update(state => ({ ...state, timeline }))
    const wrapper = mount(KeyTimeline, {
      props: { limit: 4 },
    })
    const rows = wrapper.findAll('li').map(row => row.text())
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatch(/^\+4s.*podinfo: Synced op abcdef1$/)
    expect(rows[1]).toMatch(/^\+2s.*podinfo: self-heal gestart \(poging 1\)$/)
    expect(rows[2]).toContain(`podinfo: OutOfSync (color: git ${START}, cluster ${DRIFT_COLOR})`)
    expect(wrapper.text()).not.toMatch(ENGLISH_ONLY)
    const terminal = mount(TerminalLine)
    expect(terminal.text()).toBe(`$ kubectl -n podinfo set env deploy/podinfo PODINFO_UI_COLOR=${DRIFT_COLOR}`)
  })

  it('a status chip differs by icon and word, not colour alone', () => {
    const synced = mount(StatusChip, {
      props: { status: 'Synced' },
    })
    const outOfSync = mount(StatusChip, {
      props: { status: 'OutOfSync' },
    })
    expect(synced.text()).toBe('Synced')
    expect(synced.get('.icon').classes()).toContain('i-ph-check-circle-fill')
    expect(outOfSync.get('.icon').classes()).toContain('i-ph-arrow-circle-up-fill')
  })
})

describe('the race\'s history', () => {
  beforeEach(() => demoFake.reset())

  it('names the demo\'s personas in the deck\'s language and a real author as git has it', async () => {
    const commit = (sha: string, author: string, subject: string) => ({
      sha,
      author,
      subject,
      date: at(0),
    })
    update(state => ({
      ...state,
      git: {
        ...state.git,
        log: [
          commit('a'.repeat(40), 'Presenter', 'podinfo: colour #6d28d9'),
          commit('b'.repeat(40), 'A colleague', 'podinfo: message "x"'),
        ],
      },
    }))
    useLang().lang.value = 'nl'
    const wrapper = mount(RaceHistory, {
      global: {
        stubs: { KeyTimeline: true, TerminalLine: true },
      },
    })
    expect(wrapper.findAll('.who').map(who => who.text())).toEqual(['Spreker', 'Een collega'])
    useLang().lang.value = 'en'
    await flushPromises()
    expect(wrapper.findAll('.who').map(who => who.text())).toEqual(['Presenter', 'A colleague'])
    update(state => ({
      ...state,
      git: {
        ...state.git,
        log: [
          commit('c'.repeat(40), 'Jan Jansen', 'podinfo: colour #123456'),
        ],
      },
    }))
    await flushPromises()
    expect(wrapper.findAll('.who').map(who => who.text())).toEqual(['Jan Jansen'])
  })
})

describe('the presenter\'s dock', () => {
  beforeEach(() => demoFake.reset())

  it('acts on its keys and its buttons, once each, and only with the actions of its slide', async () => {
    const wrapper = mount(DemoControls, {
      props: { step: 'drift' },
    })
    pressDemoKey('k')
    await flushPromises()
    pressDemoKey('c') // a commit is not a drift-slide action
    await flushPromises()
    await wrapper.get('button[data-key="s"]').trigger('click')
    await flushPromises()
    expect(demoFake.sent).toEqual([
      { type: 'drift.setColor', color: DRIFT_COLOR },
      { type: 'drift.scale', replicas: 4 },
    ])
    expect(wrapper.text()).toContain('✓')
  })

  it('says why it cannot act and shows a refused action\'s error', async () => {
    demoFake.answer = { ok: false, error: 'nothing to commit' }
    const wrapper = mount(DemoControls, {
      props: { step: 'commit' },
    })
    await wrapper.get('button[data-key="c"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('.result').text()).toBe('nothing to commit')
    demoFake.readOnlyReason.value = 'viewer'
    await flushPromises()
    expect(wrapper.get('button[data-key="c"]').attributes('disabled')).toBeDefined()
    useLang().lang.value = 'nl'
    await flushPromises()
    expect(wrapper.get('.why').text()).toBe('alleen-lezen: dit venster heeft geen sprekerstoken')
  })

  it('words a git failure in the deck\'s language, and again when the language changes', async () => {
    useLang().lang.value = 'nl'
    demoFake.answer = {
      ok: false,
      error: 'the first commit cannot be reverted: reset the demo instead',
      problem: { kind: 'firstCommit' },
    }
    const wrapper = mount(DemoControls, {
      props: { step: 'revert' },
    })
    await wrapper.get('button[data-key="r"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('.result').text()).toBe('de eerste commit kan niet worden teruggedraaid: zet de demo terug')
    useLang().lang.value = 'en'
    await flushPromises()
    expect(wrapper.get('.result').text()).toBe('the first commit cannot be reverted: reset the demo instead')
  })
})
