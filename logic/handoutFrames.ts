// The handout's demo frames: the shipped recording's states at the demo's key moments (drift, OutOfSync, healing,
// healed; commit, syncing, rolled out; revert, back; race, raced), for the print view to render with the real
// components. Imported only by what prints: the recording is bundled with it.
import type { KeyFrames } from '../common/recording/key-frames'
import { keyFrames } from '../common/recording/key-frames'
import { parseRecording } from '../common/recording/parse'
import { RECORDING_NAME } from '../composables/useRecording'
import text from '../recordings/demo.jsonl?raw'

export const shippedRecording = parseRecording(text)
export const handoutFrames: KeyFrames = keyFrames(shippedRecording, { name: RECORDING_NAME })
