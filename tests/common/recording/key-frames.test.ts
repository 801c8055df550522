import type { DemoState } from '../../../common/protocol'
import { describe, expect, it } from 'vitest'
import { DEMO_COLORS } from '../../../common/demo-colors'
import { gitColor, liveColor, podinfoApp, settled } from '../../../common/demo-state'
import { KEY_MOMENTS, keyFrames } from '../../../common/recording/key-frames'
import { shippedRecording } from '../../server/replay/helpers'

const recording = shippedRecording()
const frames = keyFrames(recording, { name: 'demo.jsonl' })
function at(moment: (typeof KEY_MOMENTS)[number]): DemoState {
  const frame = frames[moment]
  if (!frame)
    throw new Error(`no ${moment} frame`)
  return frame.state
}
const app = (state: DemoState) => podinfoApp(state)!
const sha = (index: number) => (recording.actions[index]!.ack!.response as { sha: string }).sha
const start = recording.frames[0]!.state
const startColor = gitColor(start)!

describe('the handout\'s key frames from the shipped recording', () => {
  it('finds every moment, in the order of the demo, as replay states', () => {
    const found = KEY_MOMENTS.map(moment => frames[moment]?.frame)
    expect(found.every(frame => frame !== undefined)).toBe(true)
    expect([...found].sort((a, b) => a! - b!)).toEqual(found)
    expect(new Set(found).size).toBe(found.length)
    for (const moment of KEY_MOMENTS) {
      expect(frames[moment]!.state).toMatchObject({
        mode: 'replay',
        replay: { name: 'demo.jsonl', recordedMode: 'simulated' },
      })
    }
  })

  it('drift: the live colour is changed, git still says otherwise, Argo CD has not noticed yet', () => {
    const state = at('drift')
    expect(liveColor(state)).toBe(DEMO_COLORS.drift)
    expect(gitColor(state)).toBe(startColor)
    expect(app(state).syncStatus).toBe('Synced')
    expect(state.timeline.at(-1)).toMatchObject({
      source: expect.any(String),
    })
    expect(state.timeline.some(entry => entry.kind === 'command' && entry.command.includes(DEMO_COLORS.drift))).toBe(true)
  })

  it('outOfSync: podinfo OutOfSync with live colour ≠ git colour, the difference in the timeline', () => {
    const state = at('outOfSync')
    expect(app(state).syncStatus).toBe('OutOfSync')
    expect(liveColor(state)).not.toBe(gitColor(state))
    expect(state.timeline.some(entry => entry.kind === 'app.outOfSync' && entry.diffs?.some(diff => diff.field === 'color' && diff.live === DEMO_COLORS.drift))).toBe(true)
  })

  it('healing: self-heal put git\'s colour back and the drifted pods are being replaced', () => {
    const state = at('healing')
    expect(app(state).operation?.initiatedBy).toBe('self-heal')
    expect(settled(state)).toBe(false)
    expect(liveColor(state)).toBe(startColor)
    expect(state.podinfo.pods.some(pod => pod.color === DEMO_COLORS.drift)).toBe(true)
  })

  it('healed: Synced, Healthy, every pod in git\'s colour', () => {
    const state = at('healed')
    expect(settled(state)).toBe(true)
    expect(state.podinfo.pods.every(pod => pod.color === startColor)).toBe(true)
  })

  it('commit → syncing → rolled out: the recorded SHA moves HEAD, then Argo CD, then the pods', () => {
    const commit = at('commit')
    expect(commit.git.head).toBe(sha(1))
    expect(gitColor(commit)).toBe(DEMO_COLORS.commit)
    expect(app(commit).revision).not.toBe(sha(1))
    expect(liveColor(commit)).toBe(startColor)
    expect(commit.git.lastDiff).toContain(DEMO_COLORS.commit)

    const syncing = at('syncing')
    expect(app(syncing).revision).toBe(sha(1))
    expect(app(syncing).operation).toMatchObject({ phase: 'Running', initiatedBy: 'automated' })

    const rolledOut = at('rolledOut')
    expect(settled(rolledOut)).toBe(true)
    expect(app(rolledOut).revision).toBe(sha(1))
    expect(rolledOut.podinfo.pods.every(pod => pod.color === DEMO_COLORS.commit)).toBe(true)
  })

  it('revert → back: a new commit, and the pods back in the colour from before the commit', () => {
    const revert = at('revert')
    expect(revert.git.head).toBe(sha(2))
    expect(revert.git.log[0]?.subject).toMatch(/^Revert/)
    expect(revert.git.log[1]?.sha).toBe(sha(1))
    const back = at('back')
    expect(settled(back)).toBe(true)
    expect(app(back).revision).toBe(sha(2))
    expect(liveColor(back)).toBe(startColor)
  })

  it('demo 4: deleted (Terminating), Missing, retrying after the 403, recreated, then rebuilt at the same revision', () => {
    const revision = app(at('back')).revision
    const deleted = at('deleted')
    expect(deleted.podinfo.namespace).toEqual({ name: 'podinfo', phase: 'Terminating' })
    expect(deleted.timeline.some(entry => entry.kind === 'command' && entry.command === 'kubectl delete namespace podinfo')).toBe(true)

    const missing = at('missing')
    expect(app(missing).healthStatus).toBe('Missing')
    expect(missing.podinfo.desiredReplicas).toBe(0)

    const retrying = at('retrying')
    expect(app(retrying).operation).toMatchObject({
      phase: 'Running',
      initiatedBy: 'self-heal',
      retry: { count: 1 },
    })
    expect(app(retrying).operation?.message).toContain('unable to create new content in namespace podinfo because it is being terminated')
    expect(retrying.podinfo.namespace?.phase).toBe('Terminating')

    const recreated = at('recreated')
    expect(recreated.podinfo.namespace?.phase).toBe('Active')
    expect(recreated.timeline.some(entry => entry.kind === 'k8s.namespaceGone')).toBe(true)
    expect(recreated.timeline.at(-1)?.kind === 'k8s.namespaceCreated' || recreated.timeline.some(entry => entry.kind === 'k8s.namespaceCreated')).toBe(true)

    const recovered = at('recovered')
    expect(settled(recovered)).toBe(true)
    expect(app(recovered).revision).toBe(revision)
    expect(recovered.git.head).toBe(at('back').git.head)
    expect(liveColor(recovered)).toBe(startColor)
  })

  it('race: both pushes in history, ours rebased on theirs, then synced', () => {
    const race = at('race')
    const answer = recording.actions[4]!.ack!.response as { sha: string, theirs: string, rejected: number }
    expect(answer.rejected).toBe(1)
    expect(race.git.log.slice(0, 2).map(commit => commit.sha)).toEqual([answer.sha, answer.theirs])
    const raced = at('raced')
    expect(settled(raced)).toBe(true)
    expect(liveColor(raced)).toBe(DEMO_COLORS.race)
  })
})
