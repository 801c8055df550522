import process from 'node:process'
import { describe, expect, it } from 'vitest'
import { parseCliOptions } from '../../server/cli'
import { QUESTIONS_FILE } from '../../server/questions/journal'

describe('cli', () => {
  it('defaults to the simulation on 127.0.0.1:3031 at real speed, questions kept in .demo/', () => {
    expect(parseCliOptions([])).toEqual({
      backend: 'sim',
      port: 3031,
      host: '127.0.0.1',
      speed: 1,
      replaySwitch: true,
      questionsFile: QUESTIONS_FILE,
    })
    expect(QUESTIONS_FILE).toMatch(/\/\.demo\/questions\.jsonl$/)
  })

  it('keeps the questions elsewhere, or in memory only (DEMO_QUESTIONS_FILE: how tests and benchmarks start it)', () => {
    expect(parseCliOptions(['--questions', '/tmp/q.jsonl'])).toMatchObject({ questionsFile: '/tmp/q.jsonl' })
    expect(parseCliOptions(['--questions', 'none'])).toMatchObject({ questionsFile: false })
    process.env.DEMO_QUESTIONS_FILE = 'none'
    try {
      expect(parseCliOptions([])).toMatchObject({ questionsFile: false })
    }
    finally {
      delete process.env.DEMO_QUESTIONS_FILE
    }
  })

  it('reads every flag', () => {
    expect(parseCliOptions([
      '--backend',
      'kube',
      '--port',
      '4000',
      '--host',
      '0.0.0.0',
      '--speed',
      '10',
    ])).toEqual({
      backend: 'kube',
      port: 4000,
      host: '0.0.0.0',
      speed: 10,
      replaySwitch: true,
      record: true,
      questionsFile: QUESTIONS_FILE,
    })
  })

  it('records live runs unless told not to, simulated ones when asked; replays a recording', () => {
    expect(parseCliOptions(['--backend', 'kube', '--no-record'])).not.toHaveProperty('record')
    expect(parseCliOptions(['--record'])).toMatchObject({ backend: 'sim', record: true })
    expect(parseCliOptions([
      '--backend',
      'replay',
      '--recording',
      'recordings/demo.jsonl',
      '--speed',
      '2',
    ])).toEqual({
      backend: 'replay',
      port: 3031,
      host: '127.0.0.1',
      speed: 2,
      recording: 'recordings/demo.jsonl',
      questionsFile: QUESTIONS_FILE,
    })
  })

  it('reads the kube backend\'s cluster and repository flags', () => {
    expect(parseCliOptions([
      '--backend',
      'kube',
      '--kubeconfig',
      './kubeconfig',
      '--context',
      'ops-demo',
      '--repo',
      'git@github.com:ops-demo/gitops-in-practice.git',
    ])).toMatchObject({
      backend: 'kube',
      kubeconfig: './kubeconfig',
      context: 'ops-demo',
      repo: 'git@github.com:ops-demo/gitops-in-practice.git',
    })
  })

  it('refuses what it does not understand', () => {
    for (const argv of [
      ['--backend', 'k3s'],
      ['--port', 'x'],
      ['--port', '70000'],
      ['--speed', '0'],
      ['--speed', '-1'],
      ['--verbose'],
      ['extra'],
      ['--kubeconfig', './kubeconfig'],
      ['--backend', 'kube', '--context', ''],
      ['--backend', 'replay'],
      ['--recording', 'recordings/demo.jsonl'],
      ['--questions', ' '],
      [
        '--backend',
        'replay',
        '--recording',
        'x.jsonl',
        '--record',
      ],
    ])
      expect(() => parseCliOptions(argv), argv.join(' ')).toThrow()
  })
})

describe('backends', () => {
  it('refuses the kube backend without a kubeconfig with one clear message, no fallback', async () => {
    const { BackendUnavailableError } = await import('../../server/backend')
    const { startDemoServer } = await import('../../server/app')
    const started = startDemoServer({
      backend: 'kube',
      port: 0,
      tokenFile: false,
      sourceRoot: '/nonexistent',
      kube: { env: {} },
    })
    await expect(started).rejects.toBeInstanceOf(BackendUnavailableError)
    await expect(started).rejects.toThrow('no kubeconfig: run `vagrant up` (writes ./kubeconfig) or pass --kubeconfig PATH')
  })
})
