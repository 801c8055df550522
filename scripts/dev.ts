// `npm run dev`: the deck (Slidev, http://localhost:3030) and the demo server side by side; Ctrl-C stops both.
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import process from 'node:process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    'port': { type: 'string', default: '3030' },
    'demo-port': { type: 'string', default: process.env.DEMO_PORT ?? '3031' },
    'live': { type: 'boolean', default: false },
    'speed': { type: 'string', default: '1' },
    // With --live, handed to the demo server's kube backend.
    'kubeconfig': { type: 'string' },
    'context': { type: 'string' },
    'repo': { type: 'string' },
    // A recording instead of a demo (REPLAY badge); --record / --no-record go to the demo server.
    'replay': { type: 'string' },
    'record': { type: 'boolean' },
  },
  allowNegative: true,
})

const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname
const children: ChildProcess[] = []
let stopping = false

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...env,
    },
  })
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${command.split('/').pop()} stopped (${signal ?? code}); stopping the rest.`)
      stop(code ?? 1)
    }
  })
  children.push(child)
}

function stop(code = 0) {
  stopping = true
  for (const child of children)
    child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 300).unref()
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

// One token for both: the demo server checks it, the deck hands it to presenter windows on this machine.
const token = process.env.DEMO_TOKEN?.trim() || randomBytes(24).toString('base64url')
const kubeArgs = (['kubeconfig', 'context', 'repo'] as const).flatMap(flag => (values[flag]
  ? [`--${flag}`, values[flag]]
  : []))
function recordArgs(): string[] {
  if (values.record === undefined)
    return []
  return [
    values.record
      ? '--record'
      : '--no-record',
  ]
}
const demoArgs = values.live
  ? [
      'server/main.ts',
      '--port',
      values['demo-port'],
      '--backend',
      'kube',
      ...kubeArgs,
      ...recordArgs(),
    ]
  : [
      'server/main.ts',
      '--port',
      values['demo-port'],
      '--backend',
      'sim',
      '--speed',
      values.speed,
      ...recordArgs(),
    ]
const replayArgs = [
  'server/main.ts',
  '--port',
  values['demo-port'],
  '--backend',
  'replay',
  '--recording',
  values.replay ?? '',
  '--speed',
  values.speed,
]
run(bin('tsx'), values.replay
  ? replayArgs
  : demoArgs, { DEMO_TOKEN: token })
run(bin('slidev'), [
  'slides.md',
  '--port',
  values.port,
  '--open',
  'false',
], { DEMO_PORT: values['demo-port'], DEMO_TOKEN: token })
