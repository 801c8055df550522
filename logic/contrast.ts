// Text on a colour the demo picks at run time (podinfo's UI colour): ink or white, whichever reads better.
function luminance(hex: string): number {
  const value = Number.parseInt(hex.replace('#', ''), 16)
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xFF) / 255
    return c <= 0.03928
      ? c / 12.92
      : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [
    luminance(a),
    luminance(b),
  ].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

export const INK = '#0f172a'
export const WHITE = '#ffffff'

export function textOn(background: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(background))
    return INK
  return contrastRatio(background, WHITE) >= contrastRatio(background, INK)
    ? WHITE
    : INK
}
