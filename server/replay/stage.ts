// Puts the server's backend together: recording (on for live by default) and the presenter's switch to a replay.
import type { Backend, DemoBackend } from '../backend'
import type { Logger } from '../support/logger'
import { join } from 'node:path'
import { ReplayBackend } from './backend'
import { openLineFile } from './line-file'
import { RecordingBackend } from './recording-backend'
import { latestRecording, recordingFileName, RECORDINGS_DIR } from './recordings'
import { SwitchingBackend } from './switching-backend'
import { repositoryVersion } from './versions'

export interface StageOptions {
  /** Write this run to a new file in `recordingsDir`. */
  record?: boolean
  recordingsDir?: string
  /** Accept `replay.start` / `replay.stop`, continuing with the latest recording. */
  replaySwitch?: boolean
  /** The recording the switch falls back to when `recordingsDir` holds none (default: the shipped one). */
  fallbackRecording?: string
  /** The replay's speed. */
  speed?: number
  logger: Logger
}

export async function stageBackend(base: Backend, options: StageOptions): Promise<DemoBackend> {
  const dir = options.recordingsDir ?? RECORDINGS_DIR
  let recordingFile: string | undefined
  let backend = base
  if (options.record) {
    recordingFile = join(dir, recordingFileName(new Date(), base.mode))
    backend = new RecordingBackend(base, {
      sink: openLineFile(recordingFile, options.logger),
      repoVersion: await repositoryVersion(),
    })
    options.logger.info(`recording this run to ${recordingFile}`)
  }
  const openReplay = options.replaySwitch
    ? async () => {
      const file = await latestRecording({
        dir,
        exclude: recordingFile,
        fallback: options.fallbackRecording,
        logger: options.logger,
      })
      options.logger.info(`the presenter switched to the recording ${file}`)
      return ReplayBackend.open(file, { speed: options.speed })
    }
    : undefined
  return new SwitchingBackend(backend, openReplay)
}

/** `--backend replay --recording FILE`. */
export async function replayOnly(file: string, speed?: number): Promise<DemoBackend> {
  return ReplayBackend.open(file, { speed })
}
