import { describe, expect, it } from 'vitest'
import { ACTION_TYPES, demoStateSchema, parseActionRequest } from '../../common/protocol'

const valid: Record<string, unknown[]> = {
  'drift.scale': [
    { replicas: 0 },
    { replicas: 10 },
    { replicas: 3 },
  ],
  'drift.setColor': [
    { color: '#ff0000' },
    { color: '#ABCDEF' },
  ],
  'drift.deletePod': [
    {},
    { pod: 'podinfo-7d4b9c8f6d-x2k9z' },
  ],
  'drift.deleteNamespace': [{}],
  'app.refresh': [
    { app: 'podinfo' },
    { app: 'prometheus-grafana' },
  ],
  'app.sync': [
    { app: 'root' },
  ],
  'git.setColor': [
    { color: '#00ff00' },
    { color: '#00ff00', message: 'Hallo', commitMessage: 'podinfo: green' },
  ],
  'git.revert': [
    {},
    { sha: 'abc1234' },
    {
      sha: 'a'.repeat(40),
    },
  ],
  'git.race': [
    { color: '#e67e22' },
    { color: '#e67e22', message: 'Sneller / Faster' },
  ],
  'demo.reset': [{}],
  'replay.start': [{}],
  'replay.stop': [{}],
}

const invalid: Record<string, unknown[]> = {
  'drift.scale': [
    {},
    { replicas: -1 },
    { replicas: 11 },
    { replicas: 1.5 },
    { replicas: '3' },
    { replicas: 2, extra: true },
  ],
  'drift.setColor': [
    {},
    { color: 'red' },
    { color: '#fff' },
    { color: '#gggggg' },
    { color: 123456 },
  ],
  'drift.deletePod': [
    { pod: '' },
    { pod: 'Bad_Name' },
    {
      pod: 'x'.repeat(300),
    },
    { pod: 5 },
  ],
  // Only podinfo's namespace, never one the presenter names.
  'drift.deleteNamespace': [
    { namespace: 'kube-system' },
  ],
  'app.refresh': [
    {},
    { app: '' },
    { app: 'UPPER' },
    { app: '../etc' },
    {
      app: 'a'.repeat(64),
    },
  ],
  'app.sync': [
    {},
    { app: null },
  ],
  'git.setColor': [
    {},
    { color: '#00ff00', message: '' },
    {
      color: '#00ff00',
      message: 'x'.repeat(201),
    },
    { color: '#00ff00', author: 'me' },
  ],
  'git.revert': [
    { sha: 'HEAD~1' },
    { sha: 'xyz' },
    { sha: '--hard' },
    {
      sha: 'a'.repeat(41),
    },
  ],
  'git.race': [
    {},
    { color: 'orange' },
    { color: '#e67e22', message: '' },
    { color: '#e67e22', force: true },
  ],
  'demo.reset': [
    { force: true },
  ],
  'replay.start': [
    { file: '/etc/passwd' },
  ],
  'replay.stop': [
    { now: true },
  ],
}

describe('action requests', () => {
  it('covers every action type', () => {
    expect(Object.keys(valid).sort()).toEqual([...ACTION_TYPES].sort())
    expect(Object.keys(invalid).sort()).toEqual([...ACTION_TYPES].sort())
  })

  for (const type of ACTION_TYPES) {
    it(`accepts valid ${type}`, () => {
      for (const fields of valid[type]!) {
        expect(parseActionRequest({ type, ...fields as object })).toEqual({
          ok: true,
          request: { type, ...fields as object },
        })
      }
    })
    it(`refuses invalid ${type} with a message naming the field`, () => {
      for (const fields of invalid[type]!) {
        const result = parseActionRequest({ type, ...fields as object })
        expect(result.ok, JSON.stringify(fields)).toBe(false)
        if (!result.ok)
          expect(result.error).toMatch(new RegExp(`^invalid ${type.replace('.', '\\.')}: `))
      }
    })
  }

  it('refuses what is not an action at all', () => {
    for (const payload of [
      undefined,
      null,
      42,
      'drift.scale',
      [],
      [
        { type: 'demo.reset' },
      ],
      {},
      { type: 'kubectl.exec' },
      { type: 7 },
      { type: '__proto__' },
    ]) {
      expect(parseActionRequest(payload)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^(invalid action|unknown action type)/),
      })
    }
  })
})

describe('demo state schema', () => {
  it('describes a minimal state and rejects a broken one', () => {
    const state = {
      mode: 'simulated',
      cluster: { name: 'ops-demo', connection: 'connected' },
      applications: [
        {
          name: 'podinfo',
          namespace: 'argocd',
          project: 'default',
          syncStatus: 'Synced',
          healthStatus: 'Healthy',
        },
      ],
      podinfo: {
        desiredReplicas: 2,
        readyReplicas: 2,
        image: 'podinfo:6',
        color: '#34577c',
        message: 'hi',
        pods: [
          { name: 'p', phase: 'Running', ready: true },
        ],
      },
      git: {
        remote: 'file:///tmp/x',
        branch: 'main',
        head: 'abc',
        log: [],
      },
      timeline: [
        {
          at: new Date(0).toISOString(),
          source: 'git',
          kind: 'git.pushed',
          sha: 'abc',
          subject: 'podinfo: colour #e67e22',
          branch: 'main',
          action: 'commit',
        },
      ],
    }
    expect(demoStateSchema.safeParse(state).success).toBe(true)
    expect(demoStateSchema.safeParse({ ...state, mode: 'fake' }).success).toBe(false)
  })
})
