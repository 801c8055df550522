import { describe, expect, it } from 'vitest'
import { qrModules, qrPath } from '../../common/qr'
import { terminalQr } from '../../scripts/lib/terminal-qr'
import { decodeGrid, terminalGrid } from '../helpers/qr'

const URL = 'http://192.168.178.23:3030'

/** The SVG path's squares back as cells, with the 4-module quiet zone. */
function pathGrid(path: string, side: number): boolean[][] {
  const grid = Array.from({ length: side }, () => Array.from<boolean>({ length: side }).fill(false))
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g))
    grid[Number(y)]![Number(x)] = true
  return grid
}

describe('the join code', () => {
  it('the deck\'s SVG path decodes to the URL', () => {
    const qr = qrModules(URL)
    expect(qr.size).toBeGreaterThanOrEqual(21)
    expect(decodeGrid(pathGrid(qrPath(qr), qr.size + 8))).toBe(URL)
  })

  it('the terminal\'s code decodes to the URL, black on white whatever the terminal\'s colours', () => {
    const printed = terminalQr(URL)
    expect(printed).toContain('\u001B[30;107m')
    expect(decodeGrid(terminalGrid(printed))).toBe(URL)
  })

  it('is the same code for the same URL, and another one for another URL', () => {
    expect(qrPath(qrModules(URL))).toBe(qrPath(qrModules(URL)))
    expect(qrPath(qrModules('http://10.0.0.5:3030'))).not.toBe(qrPath(qrModules(URL)))
  })
})
