import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackendUnavailableError } from '../../../server/backend'
import { loadKubeconfig } from '../../../server/kube/config'
import { FakeKubeApiServer } from './fake-api/server'

describe('kubeconfig', () => {
  let dir: string
  const fake = new FakeKubeApiServer()
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeconfig-test-'))
    await fake.start()
    await fake.writeKubeconfig(join(dir, 'kubeconfig'))
  })
  afterAll(async () => {
    await fake.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const oneLine = (run: () => unknown) => {
    try {
      run()
    }
    catch (error) {
      expect(error).toBeInstanceOf(BackendUnavailableError)
      const message = (error as Error).message
      expect(message.split('\n')).toHaveLength(1)
      return message
    }
    throw new Error('expected a BackendUnavailableError')
  }

  it('says what to do when there is none', () => {
    expect(oneLine(() => loadKubeconfig({
      repoRoot: join(dir, 'empty'),
      env: {},
    })))
      .toBe('no kubeconfig: run `vagrant up` (writes ./kubeconfig) or pass --kubeconfig PATH')
    expect(oneLine(() => loadKubeconfig({
      repoRoot: dir,
      kubeconfig: join(dir, 'missing'),
      env: {},
    })))
      .toMatch(/^kubeconfig .*missing \(from --kubeconfig\) does not exist: run `vagrant up`/)
  })

  it('says what to do when it is broken or the context does not exist', async () => {
    const broken = join(dir, 'broken')
    await writeFile(broken, 'clusters: [ this is not: yaml')
    expect(oneLine(() => loadKubeconfig({ repoRoot: dir, kubeconfig: broken, env: {} }))).toMatch(/^kubeconfig .*broken is not valid \(.+\): run `vagrant up`/)
    const incomplete = join(dir, 'incomplete')
    await writeFile(incomplete, 'apiVersion: v1\nkind: Config\nclusters:\n  - cluster: {}\n')
    expect(oneLine(() => loadKubeconfig({ repoRoot: dir, kubeconfig: incomplete, env: {} }))).toMatch(/is not valid|has no current context/)
    expect(oneLine(() => loadKubeconfig({ repoRoot: dir, context: 'prod', env: {} }))).toBe(`kubeconfig ${join(dir, 'kubeconfig')} has no context "prod"; contexts: fake-ops-demo`)
  })

  it('takes --kubeconfig, else KUBECONFIG, else the Vagrantfile\'s ./kubeconfig', () => {
    expect(loadKubeconfig({ repoRoot: dir, env: {} })).toMatchObject({
      file: join(dir, 'kubeconfig'),
      context: 'fake-ops-demo',
      server: fake.url,
    })
    expect(loadKubeconfig({
      repoRoot: '/nonexistent',
      env: { KUBECONFIG: `/nonexistent/a:${join(dir, 'kubeconfig')}` },
    }).file).toBe(join(dir, 'kubeconfig'))
    expect(loadKubeconfig({
      repoRoot: '/nonexistent',
      env: {},
      kubeconfig: join(dir, 'kubeconfig'),
      context: 'fake-ops-demo',
    }).context).toBe('fake-ops-demo')
  })
})
