// The join code: a QR code made offline by `qrcode` (no service, no network), drawn by the deck as an SVG and by
// `npm run dev -- --remote` in the terminal, both from the same modules.
import { create } from 'qrcode'

export interface QrModules {
  /** Modules per side, without the quiet zone. */
  size: number
  dark: (x: number, y: number) => boolean
}

/** Medium error correction: a projector's glare or a finger over a corner still scans. */
export function qrModules(text: string): QrModules {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  return {
    size: modules.size,
    dark: (x, y) => x >= 0 && y >= 0 && x < modules.size && y < modules.size && Boolean(modules.get(y, x)),
  }
}

/** The dark modules as one SVG path in module units, offset by the quiet zone (4 modules, as the standard asks). */
export function qrPath(qr: QrModules, quiet = 4): string {
  const parts: string[] = []
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (qr.dark(x, y))
        parts.push(`M${x + quiet} ${y + quiet}h1v1h-1z`)
    }
  }
  return parts.join('')
}
