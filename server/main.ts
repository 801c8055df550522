import process from 'node:process'
import { errorMessage } from '../common/text'
import { startDemoServer } from './app'
import { BackendUnavailableError } from './backend'
import { parseCliOptions, usage } from './cli'

async function main(): Promise<void> {
  let options
  try {
    options = parseCliOptions(process.argv.slice(2))
  }
  catch (error) {
    console.error(`${errorMessage(error)}\n${usage}`)
    process.exit(2)
  }
  try {
    const server = await startDemoServer(options)
    if (server.tokenGenerated) {
      // eslint-disable-next-line no-console -- printed once, on purpose, for the presenter
      console.log(`Presenter token${server.tokenFile
        ? ` (also in ${server.tokenFile})`
        : ''}: ${server.token}`)
    }
    // Ctrl-C reaches this process more than once (the terminal, npm run dev, tsx): the first one stops it.
    let stopping = false
    const stop = (signal: NodeJS.Signals) => {
      if (stopping)
        return
      stopping = true
      // eslint-disable-next-line no-console -- the CLI's own output
      console.log(`[demo] ${signal}: stopping (an action in flight finishes first)`)
      server.close().then(() => process.exit(0), (error: unknown) => {
        console.error(`demo server: stopping failed: ${errorMessage(error)}`)
        process.exit(1)
      })
    }
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.on(signal, stop)
  }
  catch (error) {
    if (error instanceof BackendUnavailableError) {
      console.error(`demo server: ${error.message}`)
      process.exit(2)
    }
    console.error(`demo server failed to start: ${errorMessage(error)}`)
    process.exit(1)
  }
}

void main()
