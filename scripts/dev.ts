// `npm run dev`: the deck (Slidev, http://localhost:3030) and the demo server side by side; Ctrl-C stops both.
// `--remote [password]`: the deck also listens on the LAN (Slidev's own --remote); phones join by the QR code on the
// cover and the question slide (printed here too), follow in their own language and ask questions.
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { SERVER_NODE_FLAGS } from '../server/node-flags'
import { joinAddress, joinUrl } from './lib/lan-address'
import { terminalQr } from './lib/terminal-qr'

/** How long the demo server may take to finish an action in flight and clean up before it is killed. */
const STOP_TIMEOUT_MS = 20_000

/** Slidev's `--remote` takes an optional password, which parseArgs cannot express: it is taken out first. */
function takeRemote(argv: readonly string[]): { remote?: string, rest: string[] } {
  const rest: string[] = []
  let remote: string | undefined
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    if (arg === '--remote') {
      const next = argv[index + 1]
      remote = next !== undefined && !next.startsWith('-')
        ? argv[++index]!
        : ''
    }
    else if (arg.startsWith('--remote=')) {
      remote = arg.slice('--remote='.length)
    }
    else {
      rest.push(arg)
    }
  }
  return { remote, rest }
}

const { remote, rest } = takeRemote(process.argv.slice(2))
const { values } = parseArgs({
  args: rest,
  options: {
    'port': { type: 'string', default: '3030' },
    'demo-port': { type: 'string', default: process.env.DEMO_PORT ?? '3031' },
    'live': { type: 'boolean', default: false },
    'speed': { type: 'string', default: '1' },
    // With --remote: the address the deck listens on (Slidev's --bind; default all of them).
    'bind': { type: 'string' },
    // With --live, handed to the demo server's kube backend.
    'kubeconfig': { type: 'string' },
    'context': { type: 'string' },
    'repo': { type: 'string' },
    // A recording instead of a demo (REPLAY badge); --record / --no-record go to the demo server.
    'replay': { type: 'string' },
    'record': { type: 'boolean' },
    // The Q&A's questions: .demo/questions.jsonl unless told otherwise ("none": in memory only).
    'questions': { type: 'string' },
  },
  allowNegative: true,
})
if (values.bind !== undefined && remote === undefined) {
  console.error('--bind only applies with --remote')
  process.exit(2)
}

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
      void stop(code ?? 1)
    }
  })
  children.push(child)
}

/** Asks both to stop and waits for them: the demo server finishes what git is doing and removes its temporary folder. */
async function stop(code = 0) {
  if (stopping)
    return
  stopping = true
  const running = children.filter(child => child.exitCode === null && child.signalCode === null)
  for (const child of running)
    child.kill('SIGTERM')
  await Promise.race([
    Promise.all(running.map(child => once(child, 'exit'))),
    sleep(STOP_TIMEOUT_MS),
  ])
  for (const child of running.filter(child => child.exitCode === null && child.signalCode === null))
    child.kill('SIGKILL')
  process.exit(code)
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))

// One token for both: the demo server checks it, the deck hands it to presenter windows on this machine.
// Both get it from here, so no token file is written (unless DEMO_TOKEN_FILE asks for one).
const token = process.env.DEMO_TOKEN?.trim() || randomBytes(24).toString('base64url')
const tokenFile = process.env.DEMO_TOKEN_FILE ?? 'none'
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
const questionArgs = values.questions === undefined
  ? []
  : ['--questions', values.questions]
const demoArgs = values.live
  ? [
      'server/main.ts',
      '--port',
      values['demo-port'],
      '--backend',
      'kube',
      ...kubeArgs,
      ...recordArgs(),
      ...questionArgs,
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
      ...questionArgs,
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
  ...questionArgs,
]
// Where phones join: this machine's address on the room's network (or --bind's), shown on the cover and the
// question slide and printed below.
const join = remote === undefined
  ? undefined
  : joinAddress(values.bind)
const phoneUrl = join?.address && joinUrl(join.address, values.port)
// The demo server stays on 127.0.0.1 even with --remote: phones reach it through the deck's proxy.
run(process.execPath, [
  ...SERVER_NODE_FLAGS,
  '--import',
  'tsx',
  ...(values.replay ? replayArgs : demoArgs),
], { DEMO_TOKEN: token, DEMO_TOKEN_FILE: tokenFile })
run(bin('slidev'), [
  'slides.md',
  '--port',
  values.port,
  '--open',
  'false',
  ...remote === undefined
    ? []
    : [
        '--remote',
        ...remote
          ? [remote]
          : [],
        ...values.bind
          ? ['--bind', values.bind]
          : [],
      ],
], {
  DEMO_PORT: values['demo-port'],
  DEMO_TOKEN: token,
  DEMO_TOKEN_FILE: tokenFile,
  DECK_JOIN_URL: phoneUrl || '',
})
if (phoneUrl) {
  console.log(`\n--remote: phones join at ${phoneUrl}\n${terminalQr(phoneUrl)}\n`)
  console.log(`They follow in their own language and ask questions; nothing they do changes the room. The presenter view stays on this machine: http://localhost:${values.port}/presenter/`)
  if (join?.others.length)
    console.log(`Other networks of this machine: ${join.others.join(', ')} (pick one with --bind ADDRESS).`)
  const port = values.port === '3030'
    ? ''
    : ` --port ${values.port}`
  console.log(`Before the talk: npm run preflight -- --remote${port}, then open ${phoneUrl} on a phone (conference Wi-Fi often keeps devices apart).`)
}
else if (remote !== undefined) {
  console.warn('--remote: this machine has no address on a room network (only loopback, virtual or link-local ones): phones cannot join, and the slides show the repository\'s URL instead. Join the room\'s network or a phone hotspot, then start again.')
}
