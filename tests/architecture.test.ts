// The tree shows the architecture: server/README.md's map names every server file and nothing that is gone,
// code that both the deck and the server import lives in common/ (lint checks the direction of each import), and the
// protocol's files import one way.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../server/support/paths'

const DECK = [
  'components',
  'composables',
  'logic',
  'layouts',
  'setup',
]
const SOURCE = /\.(?:ts|vue)$/

function files(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap(entry => entry.isDirectory()
    ? files(join(dir, entry.name))
    : SOURCE.test(entry.name)
      ? [
          join(dir, entry.name),
        ]
      : [])
}

/** The repository files `file` imports with a relative path. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), 'utf8')
  return [
    ...text.matchAll(/(?:from|import)\s*(?:\(\s*)?'(\.{1,2}\/[^'?]+)(?:\?[^']*)?'/g),
  ].flatMap(([, spec]) => {
    const base = resolve(repoRoot, dirname(file), spec!)
    const found = [
      base,
      `${base}.ts`,
      `${base}.vue`,
      join(base, 'index.ts'),
    ].find(candidate => existsSync(candidate) && SOURCE.test(candidate))
    return found
      ? [
          relative(repoRoot, found),
        ]
      : []
  })
}

describe('server/README.md draws the server as it is', () => {
  const readme = readFileSync(join(repoRoot, 'server/README.md'), 'utf8')
  const layout = readme.slice(readme.indexOf('## Layout'))
  // The map is the table: the first column of each row names files relative to server/.
  const rows = layout.split('\n').filter(line => line.startsWith('| `')).map(line => line.split('|')[1]!)
  const named = new Set(rows.flatMap(cell => [
    ...cell.matchAll(/`([\w./-]+\.ts)`/g),
  ].map(([, path]) => path!)))

  it('names every source file under server/', () => {
    const missing = files('server').map(file => relative('server', file)).filter(file => !named.has(file))
    expect(missing).toEqual([])
  })

  it('names no file that does not exist', () => {
    expect([...named].filter(path => !existsSync(join(repoRoot, 'server', path)))).toEqual([])
  })
})

describe('imports show the layers', () => {
  it('no file outside common/ is imported by both the deck and the server', () => {
    const importers = new Map<string, Set<'deck' | 'server'>>()
    const note = (side: 'deck' | 'server', file: string) => {
      for (const target of importsOf(file))
        importers.set(target, (importers.get(target) ?? new Set()).add(side))
    }
    for (const dir of DECK)
      files(dir).forEach(file => note('deck', file))
    files('server').forEach(file => note('server', file))
    const shared = [...importers].filter(([, sides]) => sides.size === 2).map(([file]) => file)
    expect(shared.length).toBeGreaterThan(0)
    expect(shared.filter(file => !file.startsWith('common/'))).toEqual([])
  })
})

describe('common/protocol/ is one contract in files that import one way', () => {
  const parts = files('common/protocol')

  it('depends on zod and its own files only, so it runs in the browser', () => {
    // `import … from`, `export … from`, `import '…'` and `import('…')`: every way a module names another.
    const specifier = /^(?:import|export)(?:\s+type)?\s*(?:\*(?:\s+as\s+\w+)?|\{[^}]*\}|\w+(?:\s*,\s*\{[^}]*\})?)\s*from\s*'([^']+)'|^import\s*'([^']+)'|\bimport\s*\(\s*'([^']+)'/gm
    const foreign = parts.flatMap(file => [
      ...readFileSync(join(repoRoot, file), 'utf8').matchAll(specifier),
    ].map(match => match.slice(1).find(Boolean)!).filter(spec => spec !== 'zod' && !/^\.\/[\w-]+$/.test(spec)).map(spec => `${file}: ${spec}`))
    expect(parts.length).toBeGreaterThan(1)
    expect(foreign).toEqual([])
  })

  it('has no import cycle between its files', () => {
    const reaches = (from: string, seen = new Set<string>()): Set<string> => {
      for (const target of importsOf(from)) {
        if (!seen.has(target)) {
          seen.add(target)
          reaches(target, seen)
        }
      }
      return seen
    }
    expect(parts.filter(file => reaches(file).has(file))).toEqual([])
  })
})
