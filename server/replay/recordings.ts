import type { Recording } from '../../common/recording/parse'
import type { Logger } from '../support/logger'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { repoRoot } from '../support/paths'
import { readRecording } from './backend'

/** Where the demo server writes its recordings (gitignored). */
export const RECORDINGS_DIR = join(repoRoot, '.demo', 'recordings')
/** The recording that ships with the deck: made by `npm run record` from the simulation. */
export const SHIPPED_RECORDING = join(repoRoot, 'recordings', 'demo.jsonl')

/** `2026-11-26T15-01-32Z-live.jsonl`: names sort by time, and say what was recorded. */
export function recordingFileName(at: Date, mode: string): string {
  return `${at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}-${mode}.jsonl`
}

/** What a recording must hold to stand in for the talk's demo: the three actions of its demo slides, answered. */
export const TALK_DEMO_ACTIONS = ['drift.setColor', 'git.setColor', 'git.revert'] as const

export function holdsTheTalksDemo(recording: Recording): boolean {
  return TALK_DEMO_ACTIONS.every(type => recording.actions.some(action => action.request.type === type && action.ack?.response.ok))
}

/**
 * The recording the presenter's switch continues with: the newest in `dir` that holds the talk's demo (a rehearsal,
 * not a run cut short before its commit), other than `exclude` (the run being recorded now); else the shipped one.
 */
export async function latestRecording(options: { dir?: string, exclude?: string, fallback?: string, logger?: Logger } = {}): Promise<string> {
  const dir = options.dir ?? RECORDINGS_DIR
  const fallback = options.fallback ?? SHIPPED_RECORDING
  const names = await readdir(dir).catch(() => [] as string[])
  const candidates = names
    .filter(name => name.endsWith('.jsonl'))
    .sort()
    .reverse()
    .map(name => join(dir, name))
    .filter(file => file !== options.exclude)
  for (const file of candidates.slice(0, 20)) {
    try {
      if (holdsTheTalksDemo(await readRecording(file)))
        return file
    }
    catch (error) {
      options.logger?.warn(`skipping ${file}: ${(error as Error).message}`)
    }
  }
  return fallback
}
