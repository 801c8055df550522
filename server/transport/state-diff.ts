// RFC 6902 patches between two published states, with rfc6902, and one shortcut for long arrays.
// rfc6902 diffs arrays by edit distance with a deep comparison per pair: fine for a handful of pods, but 50 ms for
// the 100-entry timeline shifted by one entry, which is what most changes do in a long rehearsal. Long arrays
// are therefore lined up on their common run (entries dropped at the front and added at the end, as the timeline
// does, or added at the front and dropped at the end, as the git log does), else diffed position by position.
import type { Operation, Pointer } from 'rfc6902'
import type { Diff } from 'rfc6902/diff'
import { createPatch } from 'rfc6902'
import { diffAny } from 'rfc6902/diff'

/** Arrays up to this many pairs of entries get rfc6902's own, minimal diff. */
const EDIT_DISTANCE_PAIRS = 400

export function diffStates(before: unknown, after: unknown): Operation[] {
  return createPatch(before, after, longArrays)
}

const fullDiff: Diff = (input, output, ptr) => longArrays(input, output, ptr) ?? diffAny(input, output, ptr, fullDiff)

function longArrays(input: unknown, output: unknown, ptr: Pointer): Operation[] | undefined {
  if (!Array.isArray(input) || !Array.isArray(output) || input.length * output.length <= EDIT_DISTANCE_PAIRS)
    return undefined
  const ops = alignedOps(input, output, ptr) ?? positionalOps(input, output, ptr)
  // Past a point, the new array itself is shorter than the way to it.
  return ops.length > output.length
    ? [
        {
          op: 'replace',
          path: ptr.toString(),
          value: output,
        },
      ]
    : ops
}

/** How many entries from `from` on in `a` equal those from `to` on in `b`, in a row. */
function run(a: string[], from: number, b: string[], to: number): number {
  let length = 0
  while (from + length < a.length && to + length < b.length && a[from + length] === b[to + length])
    length++
  return length
}

/** Lined up on the longest common run that starts at the front of one of them; undefined when there is none. */
function alignedOps(input: unknown[], output: unknown[], ptr: Pointer): Operation[] | undefined {
  const a = input.map(item => JSON.stringify(item))
  const b = output.map(item => JSON.stringify(item))
  const dropped = b.length > 0
    ? a.indexOf(b[0]!)
    : -1
  const inserted = a.length > 0
    ? b.indexOf(a[0]!)
    : -1
  const afterDropping = dropped < 0
    ? 0
    : run(a, dropped, b, 0)
  const afterInserting = inserted < 0
    ? 0
    : run(a, 0, b, inserted)
  if (afterDropping === 0 && afterInserting === 0)
    return undefined
  const at = (index: number | '-') => ptr.add(String(index)).toString()
  const ops: Operation[] = []
  if (afterDropping >= afterInserting) {
    // [dropped …][kept: afterDropping][rest of input] → [kept][new at the end]
    for (let index = 0; index < dropped; index++) {
      ops.push({
        op: 'remove',
        path: at(0),
      })
    }
    for (let index = dropped + afterDropping; index < a.length; index++) {
      ops.push({
        op: 'remove',
        path: at(afterDropping),
      })
    }
    for (const value of output.slice(afterDropping)) {
      ops.push({
        op: 'add',
        path: at('-'),
        value,
      })
    }
    return ops
  }
  // [kept: afterInserting][rest of input] → [new at the front][kept][new at the end]
  for (let index = afterInserting; index < a.length; index++) {
    ops.push({
      op: 'remove',
      path: at(afterInserting),
    })
  }
  output.slice(0, inserted).forEach((value, index) => ops.push({
    op: 'add',
    path: at(index),
    value,
  }))
  for (const value of output.slice(inserted + afterInserting)) {
    ops.push({
      op: 'add',
      path: at('-'),
      value,
    })
  }
  return ops
}

/** Entry by entry at the same index, then what is added or removed at the end. */
function positionalOps(input: unknown[], output: unknown[], ptr: Pointer): Operation[] {
  const ops: Operation[] = []
  const common = Math.min(input.length, output.length)
  for (let index = 0; index < common; index++)
    ops.push(...fullDiff(input[index], output[index], ptr.add(String(index))))
  for (let index = common; index < input.length; index++) {
    ops.push({
      op: 'remove',
      path: ptr.add(String(common)).toString(),
    })
  }
  for (const value of output.slice(common)) {
    ops.push({
      op: 'add',
      path: ptr.add('-').toString(),
      value,
    })
  }
  return ops
}
