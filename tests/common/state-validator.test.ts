import type { Operation } from 'rfc6902'
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, DemoState, ServerToClientEvents } from '../../common/protocol'
import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { applyPatch } from 'rfc6902'
import { describe, expect, it } from 'vitest'
import { demoStateSchema } from '../../common/protocol'
import { StateFollower } from '../../common/state-follower'
import { StateValidator } from '../../common/state-validator'
import { startingState } from '../helpers/fake-demo'

/** The shipped recording's first state and its patches, in order: a real run of the demo. */
function shippedRun(): { state: unknown, patches: Operation[][] } {
  const entries = readFileSync(new URL('../../recordings/demo.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line) as { kind: string, state?: unknown, patch?: Operation[] })
  return {
    state: entries.find(entry => entry.kind === 'state')!.state,
    patches: entries.filter(entry => entry.kind === 'patch').map(entry => entry.patch!),
  }
}

function follow() {
  const server = new EventEmitter()
  const socket = {
    on: (event: string, listener: (...args: unknown[]) => void) => server.on(event, listener),
    emit: () => {},
  } as unknown as Socket<ServerToClientEvents, ClientToServerEvents>
  return {
    server,
    follower: new StateFollower(socket),
  }
}

describe('the state validator', () => {
  it('gives what demoStateSchema gives for the whole state, after every patch of a real run, and reuses the parts a patch left alone', () => {
    const { state, patches } = shippedRun()
    expect(patches.length).toBeGreaterThan(20)
    const { server, follower } = follow()
    let reference = structuredClone(state)
    server.emit('state', state, 0)
    let previous = follower.state!
    expect(previous).toStrictEqual(demoStateSchema.parse(reference))
    let reused = 0
    for (const [index, ops] of patches.entries()) {
      expect(applyPatch(reference, ops).every(result => result === null)).toBe(true)
      server.emit('patch', { seq: index + 1, ops })
      const current = follower.state!
      expect(current).toStrictEqual(demoStateSchema.parse(reference))
      expect(current).not.toBe(previous)
      for (const part of ['cluster', 'podinfo', 'git'] as const) {
        if (!ops.some(op => op.path.startsWith(`/${part}`))) {
          expect(current[part]).toBe(previous[part])
          reused++
        }
      }
      reference = structuredClone(reference)
      previous = current
    }
    expect(reused).toBeGreaterThan(0)
  })

  it('checks what a patch brings into a part that was valid before', () => {
    const { server, follower } = follow()
    server.emit('state', startingState(), 1)
    expect(follower.state).toBeDefined()
    server.emit('patch', {
      seq: 2,
      ops: [
        { op: 'replace', path: '/podinfo/pods/0/phase', value: 'Exploded' },
      ],
    })
    expect(follower.state).toBeUndefined()
    expect(follower.problem).toMatch(/does not understand/)

    server.emit('state', startingState(), 3)
    expect(follower.state).toBeDefined()
    server.emit('patch', {
      seq: 4,
      ops: [
        {
          op: 'add',
          path: '/applications/-',
          value: { name: 'NOT A DNS LABEL' },
        },
      ],
    })
    expect(follower.state).toBeUndefined()
  })

  it('strips unknown fields as zod does, and refuses what is not a state', () => {
    const start = startingState()
    const raw = {
      ...start,
      extra: 'dropped',
      timeline: start.timeline.map(entry => ({ ...entry, extra: 1 })),
      podinfo: { ...start.podinfo, extra: true },
    }
    const validator = new StateValidator()
    const validated = validator.validate(raw)
    expect(validated).toStrictEqual(demoStateSchema.parse(raw))
    expect(validated).not.toHaveProperty('extra')
    // The second time, from the parts it validated before: the same answer.
    expect(validator.validate(raw)).toStrictEqual(validated)
    for (const notAState of [
      undefined,
      null,
      'state',
      [],
      [start],
      { ...start, mode: 'fake' },
      { ...start, timeline: 'none' },
    ])
      expect(validator.validate(notAState)).toBeUndefined()
  })

  it('keeps a state without its optional parts without them', () => {
    const { speed: _speed, updatedAt: _updatedAt, ...rest } = startingState() as DemoState & { speed?: number }
    expect(new StateValidator().validate(rest)).toStrictEqual(demoStateSchema.parse(rest))
  })
})
