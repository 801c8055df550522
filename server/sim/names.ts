import { createHash, randomInt } from 'node:crypto'

// Kubernetes' rand.SafeEncodeString alphabet: no vowels, no look-alikes.
const alphabet = 'bcdfghjklmnpqrstvwxz2456789'

/** A pod-template-hash: stable for the same template, like the ReplicaSet names kubectl shows. */
export function templateHash(template: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(template)).digest()
  return Array.from(digest.subarray(0, 10), byte => alphabet[byte % alphabet.length]).join('')
}

/** `random` (0 ≤ x < 1) makes the names reproducible, for a recording; default: crypto. */
export function randomSuffix(length = 5, random?: () => number): string {
  const pick = random
    ? () => Math.floor(random() * alphabet.length)
    : () => randomInt(alphabet.length)
  return Array.from({ length }, () => alphabet[pick()]).join('')
}
