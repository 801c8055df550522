// Reads a recording (JSON Lines) into the frames a player shows and the actions it can replay.
// Browser-safe: the static deck runs this on the shipped recording.
import type { ActionRequest, ActionResponse, DemoState } from '../protocol'
import type { RecordingEntry, RecordingHeader } from './format'
import { applyPatch } from 'rfc6902'
import { demoStateSchema } from '../protocol'
import { errorMessage } from '../text'
import { recordingEntrySchema } from './format'

/** One state as the audience saw it, `t` ms after the recording started. */
export interface RecordingFrame {
  t: number
  state: DemoState
}

export interface RecordedAction {
  id: number
  t: number
  request: ActionRequest
  /** The index of the first frame recorded after the action started (= frames.length if none). */
  frame: number
  /** Absent when the recording ends before the action was answered. */
  ack?: { t: number, response: ActionResponse }
}

export interface Recording {
  header: RecordingHeader
  frames: RecordingFrame[]
  actions: RecordedAction[]
  /** The recorder closed the file properly (its last entry is `end`). */
  complete: boolean
  /** The last line was cut short (a crash or power loss mid-write) and was left out. */
  truncated: boolean
}

export class RecordingError extends Error {}

function describeProblem(error: unknown): string {
  if (error instanceof SyntaxError)
    return 'not JSON'
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    const issue = error.issues[0] as { path: PropertyKey[], message: string } | undefined
    return issue
      ? `${issue.path.map(String).join('.') || 'entry'}: ${issue.message}`
      : 'invalid entry'
  }
  return errorMessage(error)
}

function readEntry(line: string): RecordingEntry {
  const raw: unknown = JSON.parse(line)
  const entry = recordingEntrySchema.parse(raw)
  // Keep the state exactly as written (zod drops keys it does not know), so later patches apply to it.
  return entry.kind === 'state'
    ? { ...entry, state: (raw as { state: DemoState }).state }
    : entry
}

function patched(previous: DemoState, entry: Extract<RecordingEntry, { kind: 'patch' }>): DemoState {
  const next = structuredClone(previous)
  const failed = applyPatch(next, entry.patch).find(result => result !== null)
  if (failed)
    throw new Error(`the patch does not apply: ${failed.message}`)
  const checked = demoStateSchema.safeParse(next)
  if (!checked.success)
    throw new Error(`the patched state is not a demo state: ${describeProblem(checked.error)}`)
  return next
}

/**
 * Parses a whole recording. A last line without its newline that does not parse is the mark of a file cut
 * short: it is left out and `truncated` is set. Anything else that is wrong throws a RecordingError naming the line.
 */
export function parseRecording(text: string): Recording {
  const lines = text.split('\n')
  const unfinished = !text.endsWith('\n')
  let header: RecordingHeader | undefined
  const frames: RecordingFrame[] = []
  const actions = new Map<number, RecordedAction>()
  let complete = false
  let truncated = false

  for (const [index, line] of lines.entries()) {
    if (!line.trim())
      continue
    const isLast = index === lines.length - 1
    let entry: RecordingEntry
    try {
      entry = readEntry(line)
    }
    catch (error) {
      if (isLast && unfinished) {
        truncated = true
        break
      }
      throw new RecordingError(`line ${index + 1}: ${describeProblem(error)}`)
    }
    const fail = (message: string) => new RecordingError(`line ${index + 1}: ${message}`)
    if (!header) {
      if (entry.kind !== 'header')
        throw new RecordingError(`not a demo recording: line ${index + 1} is not its header`)
      header = entry
      continue
    }
    switch (entry.kind) {
      case 'header':
        throw fail('a second header')
      case 'state':
        frames.push({ t: entry.t, state: entry.state })
        break
      case 'patch': {
        const previous = frames.at(-1)
        if (!previous)
          throw fail('a patch before the first full state')
        try {
          frames.push({
            t: entry.t,
            state: patched(previous.state, entry),
          })
        }
        catch (error) {
          throw fail(describeProblem(error))
        }
        break
      }
      case 'action':
        if (actions.has(entry.id))
          throw fail(`action ${entry.id} recorded twice`)
        actions.set(entry.id, {
          id: entry.id,
          t: entry.t,
          request: entry.request,
          frame: frames.length,
        })
        break
      case 'ack': {
        const action = actions.get(entry.id)
        if (!action)
          throw fail(`an answer to action ${entry.id}, which was not recorded`)
        action.ack = { t: entry.t, response: entry.response }
        break
      }
      case 'end':
        complete = true
        break
    }
  }
  if (!header)
    throw new RecordingError('not a demo recording: it has no header')
  if (frames.length === 0)
    throw new RecordingError('the recording holds no state')
  return {
    header,
    frames,
    actions: [
      ...actions.values(),
    ],
    complete,
    truncated,
  }
}
