// The handout's demo frames: the shipped recording's states at the demo's key moments (drift, OutOfSync, healing,
// healed; commit, syncing, rolled out; revert, back; race, raced), for the print view to render with the real
// components. Imported only by what prints: the recording is bundled with it.
import type { KeyFrames } from '../server/replay/key-frames'
import text from '../recordings/demo.jsonl?raw'
import { keyFrames } from '../server/replay/key-frames'
import { parseRecording } from '../server/replay/parse'
import { RECORDING_NAME } from './recordingPlayer'

export const shippedRecording = parseRecording(text)
export const handoutFrames: KeyFrames = keyFrames(shippedRecording, { name: RECORDING_NAME })
