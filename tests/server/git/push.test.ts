import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushWithRetry } from '../../../server/git/push'
import { cloneRemote, createBareRemote } from '../../../server/git/workspace'

describe('pushWithRetry', () => {
  let root: string
  let remote: string

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'demo-race-'))
    remote = join(root, 'remote.git')
    await createBareRemote(remote, 'main')
    const seed = join(root, 'seed')
    await cloneRemote(remote, seed)
    await writeFile(join(seed, 'README.md'), 'seed\n')
    await simpleGit(seed).add('.').commit('seed').push('origin', 'main')
  })

  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('lets two clones race a push: both changes survive, nothing is forced', async () => {
    const clones = ['alice', 'bob'].map(name => join(root, name))
    for (const clone of clones)
      await cloneRemote(remote, clone)
    const before = (await simpleGit(remote).revparse(['main'])).trim()
    await Promise.all(clones.map(async (clone, index) => {
      await writeFile(join(clone, `change-${index}.txt`), `${index}\n`)
      await simpleGit(clone).add('.').commit(`change ${index}`)
    }))
    const results = await Promise.all(clones.map(clone => pushWithRetry(simpleGit(clone), 'origin', 'main')))
    const log = (await simpleGit(remote).raw(['log', '--format=%s', 'main'])).trim().split('\n')
    expect(log).toEqual(expect.arrayContaining(['change 0', 'change 1', 'seed']))
    expect(log).toHaveLength(3)
    // The first push is still in history (an ancestor of main): no force-push happened.
    await expect(simpleGit(remote).raw([
      'merge-base',
      '--is-ancestor',
      before,
      'main',
    ])).resolves.toBeDefined()
    expect(results.map(result => result.retries).sort()).toEqual([0, 1])
  })

  it('refuses to rebase over a conflict and leaves the clone clean', async () => {
    const [first, second] = ['carol', 'dave'].map(name => join(root, name))
    await cloneRemote(remote, first!)
    await cloneRemote(remote, second!)
    for (const [clone, text] of [
      [first!, 'carol\n'],
      [second!, 'dave\n'],
    ] as const) {
      await writeFile(join(clone, 'README.md'), text)
      await simpleGit(clone).add('.').commit(`README by ${text.trim()}`)
    }
    await pushWithRetry(simpleGit(first!), 'origin', 'main')
    await expect(pushWithRetry(simpleGit(second!), 'origin', 'main')).rejects.toThrow(/conflicts/)
    expect((await simpleGit(second!).status()).isClean()).toBe(true)
    const log = (await simpleGit(remote).raw(['log', '--format=%s', 'main'])).trim().split('\n')
    expect(log[0]).toBe('README by carol')
  })
})

describe('pushWithRetry: a push the remote declines', () => {
  it('is reported at once with the remote\'s reason, never retried', async () => {
    const root = await mkdtemp(join(tmpdir(), 'demo-declined-'))
    try {
      const remote = join(root, 'remote.git')
      await createBareRemote(remote, 'main')
      const seed = join(root, 'seed')
      await cloneRemote(remote, seed)
      await writeFile(join(seed, 'README.md'), 'seed\n')
      await simpleGit(seed).add('.').commit('seed').push('origin', 'main')
      // Branch protection, as a server-side hook: it says why, and counts how often it was asked.
      const hook = join(remote, 'hooks', 'pre-receive')
      await writeFile(hook, `#!/bin/sh\necho asked >> "${join(root, 'asked')}"\necho "branch main is protected: open a pull request"\nexit 1\n`, { mode: 0o755 })
      await writeFile(join(seed, 'README.md'), 'change\n')
      await simpleGit(seed).add('.').commit('change')
      await expect(pushWithRetry(simpleGit(seed), 'origin', 'main')).rejects.toThrow(/^the remote declined the push \(pre-receive hook declined\): branch main is protected: open a pull request$/)
      const asked = await import('node:fs/promises').then(fs => fs.readFile(join(root, 'asked'), 'utf8'))
      expect(asked.trim().split('\n')).toHaveLength(1)
    }
    finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
