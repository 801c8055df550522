import type { DemoServerOptions } from './app'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { QUESTIONS_FILE } from './questions/journal'

export const usage = 'usage: npm run demo -- [--backend sim|kube|replay] [--port 3031] [--host 127.0.0.1] [--speed 1] [--kubeconfig PATH] [--context NAME] [--repo URL|PATH] [--recording FILE] [--record|--no-record] [--questions FILE|none]'

/** Parses the CLI flags; throws with a one-line message on anything wrong. */
export function parseCliOptions(argv: readonly string[]): DemoServerOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      backend: { type: 'string', default: 'sim' },
      port: { type: 'string', default: '3031' },
      host: { type: 'string', default: '127.0.0.1' },
      speed: { type: 'string', default: '1' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      repo: { type: 'string' },
      // replay: the recording to serve.
      recording: { type: 'string' },
      // Write this run to .demo/recordings/: on for kube, off for sim unless asked.
      record: { type: 'boolean' },
      // The Q&A's questions: kept in .demo/questions.jsonl unless told otherwise ("none": in memory only);
      // DEMO_QUESTIONS_FILE is how tests and benchmarks keep their questions out of the presenter's file.
      questions: { type: 'string', default: process.env.DEMO_QUESTIONS_FILE?.trim() || QUESTIONS_FILE },
    },
    strict: true,
    allowPositionals: false,
    allowNegative: true,
  })
  if (values.backend !== 'sim' && values.backend !== 'kube' && values.backend !== 'replay')
    throw new Error(`--backend must be sim, kube or replay, got ${values.backend}`)
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`)
  const speed = Number(values.speed)
  if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000)
    throw new Error(`--speed must be a number above 0 (1 = real time), got ${values.speed}`)
  for (const flag of ['kubeconfig', 'context', 'repo'] as const) {
    if (values[flag] !== undefined && values.backend !== 'kube')
      throw new Error(`--${flag} only applies to --backend kube`)
    if (values[flag] !== undefined && !values[flag].trim())
      throw new Error(`--${flag} needs a value`)
  }
  if (values.backend === 'replay' && !values.recording?.trim())
    throw new Error('--backend replay needs --recording FILE')
  if (values.backend !== 'replay' && values.recording !== undefined)
    throw new Error('--recording only applies to --backend replay')
  if (values.backend === 'replay' && values.record !== undefined)
    throw new Error('--record and --no-record do not apply to --backend replay')
  const record = values.record ?? values.backend === 'kube'
  if (!values.questions.trim())
    throw new Error('--questions needs a file, or none')
  return {
    backend: values.backend,
    questionsFile: values.questions === 'none'
      ? false
      : values.questions,
    port,
    host: values.host,
    speed,
    ...(values.backend === 'replay'
      ? { recording: values.recording }
      : { replaySwitch: true }),
    ...(record
      ? { record }
      : {}),
    ...(values.kubeconfig === undefined
      ? {}
      : { kubeconfig: values.kubeconfig }),
    ...(values.context === undefined
      ? {}
      : { context: values.context }),
    ...(values.repo === undefined
      ? {}
      : { repo: values.repo }),
  }
}
