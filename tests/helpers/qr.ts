// Decoding QR codes in tests the way a phone does: from pixels, with jsQR.
import { Buffer } from 'node:buffer'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

/** Dark (true) and light cells, drawn at `scale` pixels each, then read back by jsQR. */
export function decodeGrid(grid: readonly (readonly boolean[])[], scale = 8): string | undefined {
  const height = grid.length * scale
  const width = Math.max(...grid.map(row => row.length)) * scale
  const pixels = new Uint8ClampedArray(width * height * 4).fill(255)
  grid.forEach((row, y) => row.forEach((dark, x) => {
    if (!dark)
      return
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = ((y * scale + dy) * width + x * scale + dx) * 4
        pixels[at] = pixels[at + 1] = pixels[at + 2] = 0
      }
    }
  }))
  return jsQR(pixels, width, height)?.data
}

/** A screenshot (PNG) as the camera sees it. */
export function decodePng(png: Uint8Array): string | undefined {
  const image = PNG.sync.read(Buffer.from(png))
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
}

/** `npm run dev -- --remote`'s terminal code: every character two cells high (▀ ▄ █ and space). */
export function terminalGrid(text: string): boolean[][] {
  // eslint-disable-next-line no-control-regex -- the terminal's colour codes
  const lines = text.replace(/\u001B\[[\d;]*m/g, '').split('\n').filter(line => /[▀▄█]/.test(line))
  return lines.flatMap(line => [
    [...line].map(char => char === '█' || char === '▀'),
    [...line].map(char => char === '█' || char === '▄'),
  ])
}
