/* eslint-disable no-console -- a benchmark prints its figures */
import type { Socket } from 'socket.io-client'
// Measures the demo's steps as the audience sees them: `npx tsx bench/demo-timings.ts`
// (SPEED=10 for a quicker, scaled run). Prints simulated seconds, i.e. stage time at speed 1.
import type { ApplicationState, ClientToServerEvents, DemoState, ServerToClientEvents } from '../common/protocol'
import process from 'node:process'
import { io } from 'socket.io-client'
import { StateFollower } from '../common/state-follower'
import { startDemoServer } from '../server/app'
import { silentLogger } from '../server/support/logger'

const speed = Number(process.env.SPEED ?? 1)
const token = 'timings'
let socket: Socket<ServerToClientEvents, ClientToServerEvents>
let latest: DemoState | undefined
const listeners = new Set<() => void>()
function onState(state: DemoState): void {
  latest = state
  for (const listener of listeners)
    listener()
}

const podinfo = (state: DemoState): ApplicationState => state.applications.find(app => app.name === 'podinfo')!
function settled(state: DemoState) {
  return podinfo(state).syncStatus === 'Synced' && podinfo(state).healthStatus === 'Healthy'
    && state.podinfo.pods.length === state.podinfo.desiredReplicas && state.podinfo.pods.every(pod => pod.phase === 'Running' && pod.ready && pod.color === state.podinfo.color)
}

function until(predicate: (state: DemoState) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (latest && predicate(latest)) {
        listeners.delete(check)
        resolve(performance.now())
      }
    }
    listeners.add(check)
    check()
  })
}

async function step(name: string, act: () => Promise<unknown>, milestones: [string, (state: DemoState) => boolean][]) {
  await until(settled)
  const started = performance.now()
  await act()
  const parts: string[] = []
  for (const [label, predicate] of milestones)
    parts.push(`${label} ${(((await until(predicate)) - started) * speed / 1000).toFixed(1)} s`)
  console.log(`${name}: ${parts.join(', ')}`)
}

async function main(): Promise<void> {
  const server = await startDemoServer({
    port: 0,
    speed,
    token,
    tokenFile: false,
    logger: silentLogger,
  })
  socket = io(server.url, {
    transports: ['websocket'],
    auth: { token },
  })
  const follower = new StateFollower(socket)
  follower.onState(() => follower.state && onState(follower.state))
  await until(settled)
  const gitColor = latest!.podinfo.color
  await step('drift (live colour)', () => socket.emitWithAck('action', { type: 'drift.setColor', color: '#ff0000' }), [
    [
      'OutOfSync',
      state => podinfo(state).syncStatus === 'OutOfSync',
    ],
    [
      'self-heal Synced',
      state => podinfo(state).syncStatus === 'Synced' && state.podinfo.color === gitColor,
    ],
    [
      'pods healed',
      state => settled(state) && state.podinfo.color === gitColor,
    ],
  ])
  await step('drift (scale to 5)', () => socket.emitWithAck('action', { type: 'drift.scale', replicas: 5 }), [
    [
      'OutOfSync',
      state => podinfo(state).syncStatus === 'OutOfSync',
    ],
    [
      'back to 2 ready',
      state => settled(state) && state.podinfo.desiredReplicas === 2,
    ],
  ])
  let sha = ''
  await step('commit (git.setColor)', async () => {
    const ack = await socket.emitWithAck('action', { type: 'git.setColor', color: '#00aa55' })
    sha = ack.ok
      ? ack.sha ?? ''
      : ''
  }, [
    [
      'new HEAD',
      state => state.git.head === sha,
    ],
    [
      'Argo CD sees it',
      state => podinfo(state).revision === sha,
    ],
    [
      'Synced',
      state => podinfo(state).revision === sha && podinfo(state).syncStatus === 'Synced',
    ],
    [
      'new colour on every pod',
      state => settled(state) && state.podinfo.color === '#00aa55',
    ],
  ])
  await step('git revert', async () => {
    const ack = await socket.emitWithAck('action', { type: 'git.revert' })
    sha = ack.ok
      ? ack.sha ?? ''
      : ''
  }, [
    [
      'Synced',
      state => podinfo(state).revision === sha && podinfo(state).syncStatus === 'Synced',
    ],
    [
      'old colour on every pod',
      state => settled(state) && state.podinfo.color === gitColor,
    ],
  ])
  socket.close()
  await server.close()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
