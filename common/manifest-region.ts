// The part of a manifest a slide imports with `<<< file#name`: the lines between `# #region name` and
// `# #endregion name`, dedented, as Slidev extracts them, so the live block and the printed one are the same text.
const START = /^#\s*#?region\b(.*)$/
const END = /^#\s*#?endregion\b(.*)$/
const marker = (pattern: RegExp, line: string) => pattern.exec(line.trim())?.[1]?.trim()

export function manifestRegion(text: string, name: string): string | undefined {
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex(line => marker(START, line) === name)
  if (start < 0)
    return undefined
  const length = lines.slice(start + 1).findIndex(line => [name, ''].includes(marker(END, line) ?? '-'))
  if (length < 0)
    return undefined
  const body = lines.slice(start + 1, start + 1 + length)
  const indent = Math.min(...body.filter(line => line.trim()).map(line => /^\s*/.exec(line)![0].length))
  return body.map(line => line.slice(Number.isFinite(indent)
    ? indent
    : 0)).join('\n')
}
