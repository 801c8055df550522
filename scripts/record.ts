// `npm run record [-- --out FILE] [-- --check]`: the shipped recording, regenerated from the simulation.
// The same checkout writes the same bytes (manual clock, seeded names, pinned git dates).
import { Buffer } from 'node:buffer'
import { readFile, writeFile } from 'node:fs/promises'
import { relative } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { KEY_MOMENTS, keyFrames } from '../common/recording/key-frames'
import { parseRecording } from '../common/recording/parse'
import { SHIPPED_RECORDING } from '../server/replay/recordings'
import { repoRoot } from '../server/support/paths'
import { recordSimulatedDemo } from './lib/record-demo'

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: SHIPPED_RECORDING },
    // Exits 1 when the file on disk differs from a fresh recording (it is stale).
    check: { type: 'boolean', default: false },
  },
})

const text = await recordSimulatedDemo()
const recording = parseRecording(text)
const frames = keyFrames(recording)
const missing = KEY_MOMENTS.filter(moment => !frames[moment])
if (missing.length > 0) {
  console.error(`record: the recorded demo lacks the key moments ${missing.join(', ')}`)
  process.exit(1)
}
const name = relative(repoRoot, values.out)
const summary = `${recording.frames.length} frames, ${recording.actions.length} actions, ${Buffer.byteLength(text)} bytes`
if (values.check) {
  const current = await readFile(values.out, 'utf8').catch(() => '')
  if (current !== text) {
    console.error(`record: ${name} is not what npm run record writes now (${summary}): run npm run record and commit it`)
    process.exit(1)
  }
  console.log(`record: ${name} is up to date (${summary})`)
}
else {
  await writeFile(values.out, text)
  console.log(`record: wrote ${name} (${summary})`)
}
