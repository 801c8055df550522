import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { latestRecording, recordingFileName, SHIPPED_RECORDING } from '../../../server/replay/recordings'
import { silentLogger } from '../../../server/support/logger'
import { shippedText } from './helpers'

describe('which recording the switch continues with', () => {
  let dir: string
  const text = shippedText()
  const lines = text.split('\n')
  const withoutActions = `${lines.slice(0, 2).join('\n')}\n`
  // A run cut short after the drift: its commit was never recorded.
  const onlyDrift = `${lines.slice(0, lines.findIndex(line => line.includes('"git.setColor"'))).join('\n')}\n`

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recordings-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('names files by time and mode, so they sort by time', () => {
    expect(recordingFileName(new Date('2026-11-26T15:01:32.123Z'), 'live')).toBe('2026-11-26T15-01-32Z-live.jsonl')
  })

  it('the shipped one when there is none of our own', async () => {
    expect(await latestRecording({
      dir: join(dir, 'missing'),
    })).toBe(SHIPPED_RECORDING)
    expect(await latestRecording({ dir, fallback: '/x/fallback.jsonl' })).toBe('/x/fallback.jsonl')
  })

  it('the newest that holds the talk\'s demo; not the run being recorded, not a broken, empty or partial one', async () => {
    await writeFile(join(dir, '2026-11-20T10-00-00Z-live.jsonl'), text)
    await writeFile(join(dir, '2026-11-21T10-00-00Z-simulated.jsonl'), text)
    await writeFile(join(dir, '2026-11-22T10-00-00Z-live.jsonl'), withoutActions)
    await writeFile(join(dir, '2026-11-23T10-00-00Z-live.jsonl'), 'garbage\n')
    await writeFile(join(dir, '2026-11-25T10-00-00Z-live.jsonl'), onlyDrift)
    await writeFile(join(dir, '2026-11-24T10-00-00Z-live.jsonl'), text)
    await writeFile(join(dir, 'notes.txt'), text)
    const warnings: string[] = []
    const logger = {
      ...silentLogger,
      warn: (message: string) => warnings.push(message),
    }
    expect(await latestRecording({ dir, logger })).toBe(join(dir, '2026-11-24T10-00-00Z-live.jsonl'))
    expect(await latestRecording({
      dir,
      logger,
      exclude: join(dir, '2026-11-24T10-00-00Z-live.jsonl'),
    })).toBe(join(dir, '2026-11-21T10-00-00Z-simulated.jsonl'))
    expect(warnings).toEqual([
      expect.stringMatching(/2026-11-23T10-00-00Z-live\.jsonl: .*not a usable recording/),
    ])
  })
})
