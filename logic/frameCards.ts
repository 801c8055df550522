// One recorded moment of the demo as the handout prints it: what happened, when, what a browser got, what git and
// the cluster said and what Argo CD reported. Large enough to read on A4 for someone who was not in the room.
import type { Lang } from '../common/lang'
import type { HealthStatus, PodState, SyncStatus, TimelineSource } from '../common/protocol'
import type { KeyFrame } from '../common/recording/key-frames'
import { gitColor, liveColor, podinfoApp } from '../common/demo-state'
import { shortSha } from '../common/text'
import { timelineText } from '../common/words/timeline'
import { MOMENT_NAMES } from './demoMoments'
import { servedColor } from './demoPhase'
import { keyEvents } from './keyEvents'

export interface FrameCard {
  moment: KeyFrame['moment']
  no: number
  name: string
  /** Seconds since the recording started. */
  seconds: number
  head: string
  /** What a browser gets from podinfo: the colour most ready pods serve. */
  served: string
  git?: string
  live: string
  sync?: SyncStatus
  health?: HealthStatus
  ready: string
  pods: Pick<PodState, 'name' | 'phase' | 'ready' | 'color'>[]
  events: { key: string, since: string, source: TimelineSource, text: string }[]
  /** The command behind the moment, only where it differs from the card before: a slide names it once. */
  command?: string
}

export function frameCards(frames: KeyFrame[], lang: Lang, { events = 2 }: { events?: number } = {}): FrameCard[] {
  let previousCommand: string | undefined
  return frames.map((frame, index) => {
    const { state } = frame
    const app = podinfoApp(state)
    const last = state.timeline.findLast(entry => entry.kind === 'command')
    const command = last?.kind === 'command'
      ? last.command
      : undefined
    const card: FrameCard = {
      moment: frame.moment,
      no: index + 1,
      name: MOMENT_NAMES[frame.moment][lang],
      seconds: Math.round(frame.t / 1000),
      head: shortSha(state.git.head),
      served: servedColor(state.podinfo.pods) ?? liveColor(state),
      git: gitColor(state),
      live: liveColor(state),
      sync: app?.syncStatus,
      health: app?.healthStatus,
      ready: lang === 'nl'
        ? `${state.podinfo.readyReplicas} van ${state.podinfo.desiredReplicas} pods klaar`
        : `${state.podinfo.readyReplicas} of ${state.podinfo.desiredReplicas} pods ready`,
      pods: state.podinfo.pods.map(({ name, phase, ready, color }) => ({ name, phase, ready, color })),
      events: keyEvents(state.timeline, { limit: events }).map(line => ({
        key: line.key,
        since: line.since,
        source: line.entry.source,
        text: timelineText(line.entry, lang),
      })),
      command: command === previousCommand
        ? undefined
        : command,
    }
    previousCommand = command
    return card
  })
}
