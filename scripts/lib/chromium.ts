import { existsSync } from 'node:fs'
import process from 'node:process'

const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
]

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The machine's Chromium: `CHROME_PATH`, then the usual install paths. Never a downloaded browser. */
export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, ...KNOWN_PATHS].filter((p): p is string => Boolean(p))
  const found = candidates.find(p => existsSync(p))
  if (!found)
    throw new Error('No Chromium found: set CHROME_PATH or install one (Debian/Ubuntu: sudo apt-get install -y chromium).')
  return found
}
