// The few events a short timeline keeps, newest first, each timed from the last command: the story, not every pod.
import type { TimelineEntry } from '../common/protocol'
import { PODINFO_APP } from '../common/manifests'
import { isKeyEvent } from '../common/words/timeline'

export interface KeyEventLine {
  key: string
  entry: TimelineEntry
  /** `+3s` after the last command, `+2m` later on, the clock time before it. */
  since: string
}

export interface KeyEventOptions {
  limit: number
  sources?: TimelineEntry['source'][]
  /** Keep Argo CD's events about this Application only: a push refreshes all eight; the story is podinfo's. */
  app?: string
}

export function keyEvents(timeline: TimelineEntry[], { limit, sources, app = PODINFO_APP }: KeyEventOptions): KeyEventLine[] {
  const base = timeline.findLast(entry => entry.kind === 'command')
  const baseAt = base
    ? Date.parse(base.at)
    : undefined
  return timeline
    .filter(entry => isKeyEvent(entry) && entry.kind !== 'command'
      && (!sources || sources.includes(entry.source))
      && (!('app' in entry) || entry.app === app))
    .slice(-limit)
    .reverse()
    .map((entry) => {
      const at = Date.parse(entry.at)
      const seconds = baseAt !== undefined && at >= baseAt
        ? Math.round((at - baseAt) / 1000)
        : undefined
      const since = seconds === undefined
        ? new Date(at).toLocaleTimeString('en-GB', { hour12: false, hour: '2-digit', minute: '2-digit' })
        : seconds < 100
          ? `+${seconds}s`
          : `+${Math.floor(seconds / 60)}m`
      return { key: `${entry.at}-${entry.kind}`, entry, since }
    })
}
