// The real kubectl the fake API server is tested with: Debian's kubernetes-client (.ci/run installs it when no
// kubectl is on the PATH) or whichever kubectl the machine has. KUBECTL=<path> picks another binary.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import process from 'node:process'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const KUBECTL = process.env.KUBECTL ?? 'kubectl'

/** kubectl with the kubeconfig, cache and HOME in the folder `dir()` names (set per test run); resolves with its stdout. */
export function kubectlIn(dir: () => string) {
  return async (...args: string[]): Promise<string> => {
    const { stdout } = await run(KUBECTL, [
      '--kubeconfig',
      join(dir(), 'kubeconfig'),
      '--cache-dir',
      join(dir(), 'cache'),
      '--request-timeout',
      '10s',
      ...args,
    ], {
      env: {
        PATH: process.env.PATH,
        HOME: dir(),
      },
    })
    return stdout.trim()
  }
}
