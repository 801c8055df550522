// The join code in the terminal: two modules per character (▀ ▄ █), black on white whatever the terminal's colours,
// with the quiet zone the standard asks for, so a phone scans it off the presenter's screen too.
import { qrModules } from '../../common/qr'

const BLACK_ON_WHITE = '\u001B[30;107m'
const RESET = '\u001B[0m'
const QUIET = 4

export function terminalQr(text: string): string {
  const qr = qrModules(text)
  const dark = (x: number, y: number) => qr.dark(x - QUIET, y - QUIET)
  const side = qr.size + 2 * QUIET
  const lines: string[] = []
  for (let y = 0; y < side; y += 2) {
    let line = ''
    for (let x = 0; x < side; x++) {
      const top = dark(x, y)
      const bottom = y + 1 < side && dark(x, y + 1)
      line += top && bottom
        ? '█'
        : top
          ? '▀'
          : bottom ? '▄' : ' '
    }
    lines.push(`${BLACK_ON_WHITE}${line}${RESET}`)
  }
  return lines.join('\n')
}
