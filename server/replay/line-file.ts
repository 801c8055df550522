import type { Logger } from '../support/logger'
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/** Where recorded lines go. */
export interface LineSink {
  write: (line: string) => void
  close: () => void
}

/**
 * Appends lines to a new file, each in one write, so a crash loses at most the line being written.
 * A full disk or a vanished folder ends the recording with one warning; the demo goes on.
 */
export function openLineFile(path: string, logger: Logger): LineSink {
  mkdirSync(dirname(path), { recursive: true })
  return lineSink(openSync(path, 'wx'), path, logger)
}

/** The writing half of openLineFile, on a file already open. */
export function lineSink(openFd: number, path: string, logger: Logger): LineSink {
  let fd: number | undefined = openFd
  return {
    write: (line) => {
      if (fd === undefined)
        return
      try {
        writeSync(fd, `${line}\n`)
      }
      catch (error) {
        logger.warn(`recording stopped, ${path} cannot be written: ${(error as Error).message}`)
        closeSync(fd)
        fd = undefined
      }
    },
    close: () => {
      if (fd !== undefined)
        closeSync(fd)
      fd = undefined
    },
  }
}

/** An in-memory sink: the recording script and tests read the lines back. */
export function memorySink(): LineSink & { lines: string[], text: () => string } {
  const lines: string[] = []
  return {
    lines,
    write: line => lines.push(line),
    close: () => {},
    text: () => lines.map(line => `${line}\n`).join(''),
  }
}
