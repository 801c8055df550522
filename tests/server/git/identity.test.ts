import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, settled, startTestServer, TEST_TOKEN } from '../helpers'

describe('on a machine where git has no identity', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('the demo still commits, pushes, races, reverts and resets, and writes no git config of the user', async () => {
    const home = await mkdtemp(join(tmpdir(), 'no-identity-'))
    vi.stubEnv('HOME', home)
    vi.stubEnv('XDG_CONFIG_HOME', join(home, '.config'))
    vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1')
    for (const name of [
      'GIT_AUTHOR_NAME',
      'GIT_AUTHOR_EMAIL',
      'GIT_COMMITTER_NAME',
      'GIT_COMMITTER_EMAIL',
      'EMAIL',
    ])
      vi.stubEnv(name, undefined)
    const server = await startTestServer({ speed: 20 })
    const presenter = await connectClient(server.url, TEST_TOKEN)
    try {
      await presenter.waitFor(settled, 'the starting state')
      for (const request of [
        { type: 'git.setColor', color: '#224466' },
        { type: 'git.race', color: '#664422' },
        { type: 'git.revert' },
        { type: 'demo.reset' },
      ] as const)
        expect(await presenter.act(request), request.type).toMatchObject({ ok: true })
      const state = await presenter.waitFor(current => current.git.log.length >= 6, 'five new commits')
      expect(state.git.log.slice(0, 5).map(commit => commit.author)).toEqual([
        'Presenter',
        'Presenter',
        'Presenter',
        'A colleague',
        'Presenter',
      ])
      expect(await readdir(home, { recursive: true })).toEqual([])
    }
    finally {
      presenter.close()
      await server.close()
      await rm(home, { recursive: true, force: true })
    }
  })
})
