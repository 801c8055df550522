import { spawnSync } from 'node:child_process'

const installHint = 'sudo apt-get install -y shellcheck ruby'

/** Fails (never skips) when a checker the suite needs is missing, saying how to install it. */
export function requireTool(tool: 'shellcheck' | 'ruby'): void {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0)
    throw new Error(`${tool} is not installed; the gitops tests need it. Install it with: ${installHint}`)
}

export interface RunResult { status: number | null, stdout: string, stderr: string }

export function run(command: string, args: string[], options: { cwd?: string, env?: NodeJS.ProcessEnv } = {}): RunResult {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 15_000, ...options })
  if (result.error !== undefined)
    throw result.error
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}
