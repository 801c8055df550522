// The moments a handout shows, found in a recording: the demo's story told by the states it really went
// through. Browser-safe: the print view renders the real components from these states.
import type { ActionRequest, DemoState } from '../protocol'
import type { RecordedAction, Recording } from './parse'
import { gitColor, liveColor, podinfoApp, settled } from '../demo-state'
import { asReplayState, replayInfo } from './replay-state'

export const KEY_MOMENTS = [
  'drift',
  'outOfSync',
  'healing',
  'healed',
  'commit',
  'syncing',
  'rolledOut',
  'revert',
  'back',
  'deleted',
  'missing',
  'retrying',
  'recreated',
  'recovered',
  'race',
  'raced',
] as const
export type KeyMoment = (typeof KEY_MOMENTS)[number]

export interface KeyFrame {
  moment: KeyMoment
  /** The frame's index in the recording. */
  frame: number
  /** ms since the recording started. */
  t: number
  /** The state as a replay shows it (mode `replay`). */
  state: DemoState
  /** The presenter's action the moment belongs to, with its recorded answer. */
  action: RecordedAction
}

export type KeyFrames = Partial<Record<KeyMoment, KeyFrame>>

type Found = { frame: number } | undefined

/**
 * The states at the demo's key moments: drift, OutOfSync, healing, healed (a colour changed in the cluster);
 * commit, syncing, rolled out (a colour committed); revert, back; deleted, Missing, retrying, recreated, recovered
 * (podinfo's namespace deleted and rebuilt by Argo CD); race, raced. A moment the recording does not reach is absent.
 */
export function keyFrames(recording: Recording, options: { name?: string } = {}): KeyFrames {
  const { frames } = recording
  const info = replayInfo(recording, options.name ?? 'recording')
  const result: KeyFrames = {}

  const firstFrom = (from: number, test: (state: DemoState) => boolean): Found => {
    for (let index = Math.max(0, from); index < frames.length; index++) {
      if (test(frames[index]!.state))
        return { frame: index }
    }
    return undefined
  }
  const keep = (moment: KeyMoment, found: Found, action: RecordedAction): Found => {
    if (found) {
      const frame = frames[found.frame]!
      result[moment] = {
        moment,
        frame: found.frame,
        t: frame.t,
        state: asReplayState(frame.state, info),
        action,
      }
    }
    return found
  }
  const answered = (type: ActionRequest['type'], after = 0): RecordedAction | undefined =>
    recording.actions.find(action => action.request.type === type && action.frame >= after && action.ack?.response.ok)
  const shaOf = (action: RecordedAction): string | undefined =>
    action.ack?.response.ok
      ? action.ack.response.sha
      : undefined

  const drift = answered('drift.setColor')
  if (drift?.request.type === 'drift.setColor') {
    const color = drift.request.color.toLowerCase()
    const changed = keep('drift', firstFrom(drift.frame, state => liveColor(state) === color && gitColor(state) !== color), drift)
    const outOfSync = changed && keep('outOfSync', firstFrom(changed.frame, state =>
      podinfoApp(state)?.syncStatus === 'OutOfSync' && liveColor(state) !== gitColor(state)), drift)
    // Self-heal starts the moment Argo CD sees the drift, so OutOfSync already shows it running; healing is what
    // follows: git's colour applied, the drifted pods being replaced.
    const healing = outOfSync && keep('healing', firstFrom(outOfSync.frame + 1, state => !settled(state)) ?? firstFrom(outOfSync.frame, state =>
      podinfoApp(state)?.operation?.phase === 'Running'), drift)
    if (healing)
      keep('healed', firstFrom(healing.frame, state => settled(state) && liveColor(state) === gitColor(state)), drift)
  }

  const commit = answered('git.setColor', drift?.frame)
  const commitSha = commit && shaOf(commit)
  if (commit?.request.type === 'git.setColor' && commitSha) {
    const color = commit.request.color.toLowerCase()
    const before = frames[Math.max(0, commit.frame - 1)]!.state
    const pushed = keep('commit', firstFrom(commit.frame, state => state.git.head === commitSha), commit)
    const syncing = pushed && keep('syncing', firstFrom(pushed.frame, state => podinfoApp(state)?.operation?.phase === 'Running'), commit)
    if (syncing)
      keep('rolledOut', firstFrom(syncing.frame, state => settled(state) && podinfoApp(state)?.revision === commitSha && liveColor(state) === color), commit)

    const revert = answered('git.revert', commit.frame)
    const revertSha = revert && shaOf(revert)
    const colorBefore = liveColor(before)
    if (revert && revertSha) {
      const reverted = keep('revert', firstFrom(revert.frame, state => state.git.head === revertSha), revert)
      if (reverted)
        keep('back', firstFrom(reverted.frame, state => settled(state) && podinfoApp(state)?.revision === revertSha && liveColor(state) === colorBefore), revert)
    }
  }

  const deletion = answered('drift.deleteNamespace')
  if (deletion) {
    const revision = podinfoApp(frames[Math.max(0, deletion.frame - 1)]!.state)?.revision
    const phase = (state: DemoState) => state.podinfo.namespace?.phase
    const deleted = keep('deleted', firstFrom(deletion.frame, state => phase(state) === 'Terminating'), deletion)
    const missing = deleted && keep('missing', firstFrom(deleted.frame, state => podinfoApp(state)?.healthStatus === 'Missing'), deletion)
    // The self-heal's apply got the API server's 403 while the namespace terminated; Argo CD waits to retry.
    const retrying = missing && keep('retrying', firstFrom(missing.frame, state => (podinfoApp(state)?.operation?.retry?.count ?? 0) > 0), deletion)
    const gone = firstFrom((retrying ?? missing)?.frame ?? deletion.frame, state => phase(state) === 'Gone')
    const recreated = gone && keep('recreated', firstFrom(gone.frame, state => phase(state) === 'Active'), deletion)
    if (recreated)
      keep('recovered', firstFrom(recreated.frame, state => settled(state) && podinfoApp(state)?.revision === revision), deletion)
  }

  const race = answered('git.race')
  const raceSha = race && shaOf(race)
  if (race && raceSha) {
    const pushed = keep('race', firstFrom(race.frame, state => state.git.head === raceSha), race)
    if (pushed)
      keep('raced', firstFrom(pushed.frame, state => settled(state) && podinfoApp(state)?.revision === raceSha), race)
  }
  return result
}
