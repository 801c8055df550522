export interface Logger {
  info: (message: string) => void
  warn: (message: string) => void
  error: (message: string) => void
}

export const consoleLogger: Logger = {
  // eslint-disable-next-line no-console -- the CLI's own output
  info: message => console.log(`[demo] ${message}`),
  warn: message => console.warn(`[demo] warning: ${message}`),
  error: message => console.error(`[demo] error: ${message}`),
}

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
}
