import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import process from 'node:process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { formatTable } from '../../scripts/rehearse'

const run = promisify(execFile)
const repoRoot = resolve(import.meta.dirname, '../..')
const STEPS = [
  'start',
  'drift',
  'healed',
  'commit',
  'revert',
  'recover',
  'race',
  'reset',
  'as found',
]

describe('npm run rehearse', () => {
  it('runs the demo script against the simulation and prints a passing table', async () => {
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      'scripts/rehearse.ts',
      '--speed',
      '10',
    ], { cwd: repoRoot, timeout: 120_000 })
    const table = stdout.slice(stdout.indexOf('   step'))
    const rows = table.split('\n').filter(row => /^[✓✗] /.test(row))
    expect(rows.map(row => row.split(/\s{2,}/)[1])).toEqual(STEPS)
    expect(rows.every(row => row.startsWith('✓'))).toBe(true)
    // Demo 4: what the audience saw on the way back, in order.
    expect(rows.find(row => row.split(/\s{2,}/)[1] === 'recover')).toMatch(/kubectl delete namespace podinfo → Missing → Synced \+ Healthy at \w{7} +Synced\/Healthy at \w{7}, 2\/2 ready #\w{6}; seen: Terminating, Missing, retry 1, gone, created +\d+\.\d$/)
    expect(table).toMatch(/^ {3}step +expected +observed +seconds$/m)
    expect(stdout).toMatch(/^commit → Synced: \d+\.\d s \(simulated at speed 10\)$/m)
    expect(stdout.trim().split('\n').at(-1)).toBe('rehearsal passed')
  }, 120_000)

  it('refuses a bad --speed (exit 2) and marks a failed step ✗ in the table', async () => {
    await expect(run(process.execPath, [
      '--import',
      'tsx',
      'scripts/rehearse.ts',
      '--speed',
      'fast',
    ], { cwd: repoRoot })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--speed must be a number'),
    })
    const lines = formatTable([
      {
        step: 'commit',
        expected: 'Synced',
        observed: 'OutOfSync',
        seconds: 60,
        ok: false,
        check: 'git push rights',
      },
    ])
    expect(lines[1]).toMatch(/^✗ {2}commit +Synced +OutOfSync +60\.0$/)
  })
})
