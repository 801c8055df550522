import { applyPatch } from 'rfc6902'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../server/support/seeded-random'
import { diffStates } from '../../../server/transport/state-diff'

function entry(index: number) {
  return {
    at: new Date(1e12 + index * 1000).toISOString(),
    source: 'kubernetes',
    text: `event ${index}`,
  }
}

function roundTrip(before: unknown, after: unknown) {
  const ops = diffStates(before, after)
  const copy = structuredClone(before)
  expect(applyPatch(copy, ops).every(result => result === null)).toBe(true)
  expect(copy).toEqual(after)
  return ops
}

describe('state diff', () => {
  it('says a capped timeline moved on by a few entries in as many operations, not by rewriting it', () => {
    const before = {
      timeline: Array.from({ length: 100 }, (_, index) => entry(index)),
    }
    const after = {
      timeline: Array.from({ length: 100 }, (_, index) => entry(index + 3)),
    }
    const ops = roundTrip(before, after)
    expect(ops.filter(op => op.op === 'remove')).toHaveLength(3)
    expect(ops.filter(op => op.op === 'add')).toHaveLength(3)
  })

  it('says a capped log with new commits at the front in as many operations', () => {
    const before = {
      log: Array.from({ length: 20 }, (_, index) => ({ sha: `c${index + 2}` })),
    }
    const after = {
      log: Array.from({ length: 20 }, (_, index) => ({ sha: `c${index}` })),
    }
    expect(roundTrip(before, after)).toHaveLength(4)
  })

  it('gets from any state to any other, arrays long and short, nested or not', () => {
    const random = seededRandom(20261126)
    const value = (depth: number): unknown => {
      const pick = Math.floor(random() * (depth > 2
        ? 4
        : 6))
      if (pick === 0)
        return Math.floor(random() * 5)
      if (pick === 1)
        return ['a', 'b', 'ü ✓', ''][Math.floor(random() * 4)]
      if (pick === 2)
        return random() < 0.5
      if (pick === 3)
        return null
      if (pick === 4) {
        const length = Math.floor(random() * (random() < 0.3
          ? 60
          : 6))
        return Array.from({ length }, () => value(depth + 1))
      }
      return Object.fromEntries(Array.from({
        length: Math.floor(random() * 4),
      }, (_, index) => [
        `k${index}`,
        value(depth + 1),
      ]))
    }
    /** An edit of `base`: entries dropped, added, changed, shifted, so the arrays share runs as real states do. */
    const edit = (base: unknown): unknown => {
      if (Array.isArray(base)) {
        const copy = base.map(item => random() < 0.1
          ? edit(item)
          : item)
        if (random() < 0.4)
          copy.splice(0, Math.floor(random() * 4))
        if (random() < 0.4) {
          copy.push(...Array.from({
            length: Math.floor(random() * 4),
          }, () => value(2)))
        }
        if (random() < 0.2)
          copy.unshift(value(2))
        return copy
      }
      if (base && typeof base === 'object') {
        return Object.fromEntries(Object.entries(base).filter(() => random() < 0.9).map(([key, item]) => [
          key,
          random() < 0.3
            ? edit(item)
            : item,
        ]))
      }
      return random() < 0.3
        ? value(3)
        : base
    }
    for (let round = 0; round < 300; round++) {
      const before = {
        items: Array.from({ length: 30 + Math.floor(random() * 40) }, () => value(1)),
        other: value(0),
      }
      roundTrip(before, edit(before))
      roundTrip(before, {
        items: value(1),
        other: value(0),
      })
    }
  })
})
