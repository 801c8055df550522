import type { Operation } from 'rfc6902'
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, DemoState, ServerToClientEvents } from '../../common/protocol'
import { EventEmitter } from 'node:events'
import { applyPatch } from 'rfc6902'
import { describe, expect, it } from 'vitest'
import { StateFollower } from '../../common/state-follower'
import { startingState } from '../helpers/fake-demo'

/** Stands in for a socket.io client: the test plays the server. */
function fakeSocket() {
  const server = new EventEmitter()
  const sent: string[] = []
  const socket = {
    on: (event: string, listener: (...args: unknown[]) => void) => server.on(event, listener),
    emit: (event: string) => sent.push(event),
  } as unknown as Socket<ServerToClientEvents, ClientToServerEvents>
  return { server, sent, socket }
}

describe('state follower', () => {
  it('applies numbered patches, asks for the whole state on a gap, and ignores patches until it comes', () => {
    const { server, sent, socket } = fakeSocket()
    const follower = new StateFollower(socket)
    const seen: DemoState[] = []
    follower.onState(() => seen.push(follower.state!))
    const start = startingState()
    server.emit('state', start, 5)
    server.emit('patch', {
      seq: 6,
      ops: [
        { op: 'replace', path: '/podinfo/desiredReplicas', value: 3 },
      ],
    })
    expect(follower.state?.podinfo.desiredReplicas).toBe(3)
    expect(seen.map(state => state.podinfo.desiredReplicas)).toEqual([start.podinfo.desiredReplicas, 3])
    expect(seen[0]).not.toBe(seen[1])

    server.emit('patch', {
      seq: 8,
      ops: [
        { op: 'replace', path: '/podinfo/desiredReplicas', value: 5 },
      ],
    })
    expect(sent).toEqual(['resync'])
    server.emit('patch', {
      seq: 9,
      ops: [
        { op: 'replace', path: '/podinfo/desiredReplicas', value: 6 },
      ],
    })
    expect(sent).toEqual(['resync'])
    expect(follower.state?.podinfo.desiredReplicas).toBe(3)

    server.emit('state', {
      ...start,
      podinfo: { ...start.podinfo, desiredReplicas: 6 },
    }, 9)
    server.emit('patch', {
      seq: 10,
      ops: [
        { op: 'replace', path: '/podinfo/desiredReplicas', value: 7 },
      ],
    })
    expect(follower.state?.podinfo.desiredReplicas).toBe(7)
    expect(sent).toEqual(['resync'])
  })

  it('asks for the whole state when a patch does not apply or is not a patch, and keeps the state it had', () => {
    const { server, sent, socket } = fakeSocket()
    const follower = new StateFollower(socket)
    server.emit('state', startingState(), 1)
    const before = follower.state
    server.emit('patch', {
      seq: 2,
      ops: [
        { op: 'replace', path: '/podinfo/desiredReplicas', value: 4 },
        { op: 'remove', path: '/no/such/thing' },
      ],
    })
    expect(sent).toEqual(['resync'])
    expect(follower.state).toEqual(before)
    server.emit('state', startingState(), 2)
    server.emit('patch', { seq: 3, ops: 'garbage' })
    expect(sent).toEqual(['resync', 'resync'])
  })

  it('changes only copies: the state it was given stays as it was, and every operation lands as on a whole copy', () => {
    const { server, sent, socket } = fakeSocket()
    const follower = new StateFollower(socket)
    const start = startingState()
    expect(start.podinfo.pods.length).toBeGreaterThanOrEqual(2)
    const untouched = structuredClone(start)
    server.emit('state', start, 1)
    const ops: Operation[] = [
      { op: 'replace', path: '/podinfo/pods/0/ready', value: false },
      {
        op: 'add',
        path: '/podinfo/pods/-',
        value: { name: 'podinfo-new', phase: 'Pending', ready: false },
      },
      { op: 'move', from: '/podinfo/pods/1', path: '/podinfo/pods/0' },
      { op: 'copy', from: '/podinfo/pods/0', path: '/podinfo/pods/-' },
      { op: 'remove', path: '/podinfo/pods/1' },
      { op: 'replace', path: '/podinfo/pods/0/name', value: 'podinfo-renamed' },
      { op: 'add', path: '/cluster/message', value: 'hello' },
    ]
    server.emit('patch', { seq: 2, ops })
    const expected = structuredClone(untouched)
    expect(applyPatch(expected, ops).every(result => result === null)).toBe(true)
    expect(sent).toEqual([])
    expect(follower.state).toEqual(expected)
    expect(start).toEqual(untouched)
  })

  it('a patch that fails halfway, with the state read only after it, leaves the state before it', () => {
    const { server, sent, socket } = fakeSocket()
    const follower = new StateFollower(socket)
    server.emit('state', startingState(), 1)
    server.emit('patch', {
      seq: 2,
      ops: [
        { op: 'replace', path: '/podinfo/desiredReplicas', value: 9 },
        { op: 'remove', path: '/no/such/thing' },
      ],
    })
    expect(sent).toEqual(['resync'])
    expect(follower.state).toEqual(startingState())
  })

  it('says so when the state is not one this deck understands', () => {
    const { server, socket } = fakeSocket()
    const follower = new StateFollower(socket)
    server.emit('state', { mode: 'fake' }, 1)
    expect(follower.state).toBeUndefined()
    expect(follower.problem).toMatch(/does not understand/)
  })
})
