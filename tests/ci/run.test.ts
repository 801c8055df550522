// .ci/run on a machine with no git identity, in a sandbox: a copy of the script, a HOME of its own, and stand-ins
// for npm and the system packages. CI must change nothing outside its clone, and git must still get an identity.
import { execFile } from 'node:child_process'
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import process from 'node:process'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const repoRoot = join(import.meta.dirname, '../..')
const run = promisify(execFile)

async function stub(dir: string, name: string, body: string): Promise<void> {
  await writeFile(join(dir, name), `#!/usr/bin/env bash\n${body}\n`)
  await chmod(join(dir, name), 0o755)
}

describe('.ci/run', () => {
  let sandbox: string
  afterEach(async () => {
    await rm(sandbox, { recursive: true, force: true })
  })

  it('gives git an identity without writing any git config outside its clone', async () => {
    sandbox = await mkdtemp(join(tmpdir(), 'ci-run-'))
    const clone = join(sandbox, 'clone')
    const home = join(sandbox, 'home')
    const bin = join(sandbox, 'bin')
    await Promise.all([
      mkdir(join(clone, '.ci'), { recursive: true }),
      mkdir(home),
      mkdir(bin),
    ])
    await copyFile(join(repoRoot, '.ci/run'), join(clone, '.ci/run'))
    // npm test commits in a fresh repository, as the demo's git actions do, and says what identity git used.
    await stub(bin, 'npm', `if [[ $1 == test ]]; then
  git init -q "$PWD/probe" && git -C "$PWD/probe" commit -q --allow-empty -m probe && git -C "$PWD/probe" log -1 --format='%an <%ae> / %cn <%ce>' > "$PWD/identity"
  echo " Test Files  1 passed (1)"; echo "      Tests  1 passed (1)"
fi`)
    for (const name of [
      'shellcheck',
      'ruby',
      'pdftoppm',
      'chromium',
    ])
      await stub(bin, name, 'exit 0')
    const { stdout } = await run('bash', [
      join(clone, '.ci/run'),
    ], {
      cwd: clone,
      env: {
        PATH: [
          bin,
          dirname(process.execPath),
          '/usr/local/bin',
          '/usr/bin',
          '/bin',
        ].join(delimiter),
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        GIT_CONFIG_NOSYSTEM: '1',
        CHROME_PATH: join(bin, 'chromium'),
      },
    })
    expect(stdout).toMatch(/ci: Test Files 1 passed/)
    expect(await readdir(home, { recursive: true })).toEqual([])
    expect((await readFile(join(clone, 'identity'), 'utf8')).trim()).toMatch(/^.+ <.[^\n\r@\u2028\u2029]*@.+> \/ .+ <.[^\n\r@\u2028\u2029]*@.+>$/)
  }, 60_000)
})
