import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PODINFO_DEPLOYMENT_PATH } from '../../../common/manifests'
import { DemoRepository } from '../../../server/git/repository'
import { prepareSource } from '../helpers'

describe('demo repository', () => {
  let source: Awaited<ReturnType<typeof prepareSource>>
  let repository: DemoRepository

  beforeAll(async () => {
    source = await prepareSource()
    repository = await DemoRepository.create(source.root)
  })

  afterAll(async () => {
    await repository.dispose()
    await source.dispose()
  })

  it('starts with one commit holding apps/ and manifests/', async () => {
    const log = await repository.log()
    expect(log).toHaveLength(1)
    expect(await repository.listFiles(log[0]!.sha, 'apps')).toContain('apps/apps/podinfo.yaml')
    expect(await repository.remoteHead()).toBe(log[0]!.sha)
  })

  it('commits and pushes; reverts an older commit by sha; refuses to revert the first', async () => {
    const original = await repository.readWorkingFile(PODINFO_DEPLOYMENT_PATH)
    const first = await repository.commitFile(PODINFO_DEPLOYMENT_PATH, `${original}# one\n`, 'one')
    const second = await repository.commitFile('apps/extra.txt', 'two\n', 'two')
    expect(await repository.remoteHead()).toBe(second)
    expect(await repository.commitFile('apps/extra.txt', 'two\n', 'nothing')).toBeUndefined()
    const revert = await repository.revert(first!.slice(0, 7))
    expect(await repository.readFile(revert, PODINFO_DEPLOYMENT_PATH)).toBe(original)
    expect(await repository.readFile(revert, 'apps/extra.txt')).toBe('two\n')
    expect(repository.lastDiff).toContain('# one')
    const log = await repository.log()
    await expect(repository.revert(log.at(-1)!.sha)).rejects.toThrow(/first commit/)
    await expect(repository.revert('deadbeef')).rejects.toThrow(/no commit/)
  })

  it('resets to the starting content by a new commit, keeping history', async () => {
    const before = await repository.log()
    const sha = await repository.resetToStart()
    const after = await repository.log()
    expect(after[0]!.sha).toBe(sha)
    expect(after.slice(1)).toEqual(before)
    expect(await repository.listFiles(sha!, 'apps')).not.toContain('apps/extra.txt')
    expect(await repository.resetToStart()).toBeUndefined()
  })
})
