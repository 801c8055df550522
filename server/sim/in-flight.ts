import type { RevisionSource } from './repo-server'

/**
 * Counts the git reads the modelled Argo CD has started and not finished. A caller stepping a manual
 * clock (the recording script) waits for `idle()` between steps, so a read's result lands at the same
 * simulated moment on every run.
 */
export class InFlightReads {
  private count = 0

  track(source: RevisionSource): RevisionSource {
    return {
      remoteHead: () => this.counted(source.remoteHead()),
      readFile: (revision, path) => this.counted(source.readFile(revision, path)),
      listFiles: (revision, dir) => this.counted(source.listFiles(revision, dir)),
    }
  }

  /** Resolves once no read is in flight and none was started by the code that ran after the last one. */
  async idle(): Promise<void> {
    for (;;) {
      // setImmediate runs after the promise jobs a finished read queued, so their follow-up reads are counted.
      await new Promise(resolve => setImmediate(resolve))
      if (this.count === 0)
        return
      await new Promise(resolve => setTimeout(resolve, 1))
    }
  }

  private counted<T>(read: Promise<T>): Promise<T> {
    this.count++
    return read.finally(() => {
      this.count--
    })
  }
}
