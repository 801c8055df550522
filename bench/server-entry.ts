import { subscribe } from 'node:diagnostics_channel'
import { performance } from 'node:perf_hooks'
// The demo server as `npm run demo` starts it, plus one thing for benchmarks: asked over IPC, it answers
// with process.memoryUsage() after a full GC (the JS heap apart from the rest of RSS), its event-loop
// utilisation and what each publish of the state cost (server/transport/state-publisher.ts), since the last question.
import process from 'node:process'
import { getHeapSpaceStatistics } from 'node:v8'

let lastLoop = performance.eventLoopUtilization()
let publishes: unknown[] = []
subscribe('ops-demo:publish', timings => publishes.push(timings))
process.on('message', (message) => {
  if (message !== 'stats')
    return
  const collectGarbage = (globalThis as { gc?: () => void }).gc
  collectGarbage?.()
  const loop = performance.eventLoopUtilization()
  const utilisation = performance.eventLoopUtilization(loop, lastLoop).utilization
  lastLoop = loop
  process.send?.({
    memory: process.memoryUsage(),
    heapSpaces: getHeapSpaceStatistics().map(space => ({ name: space.space_name, size: space.space_size, used: space.space_used_size })),
    eventLoopUtilisation: utilisation,
    publishes,
  })
  publishes = []
})

void import('../server/main.ts')
