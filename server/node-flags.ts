/**
 * Node flags for the demo server's process. Under a long rehearsal V8 grows its young generation to 64–128 MB
 * for the state churn and does not give it back: RSS went 106 → 265 MB in a minute while the heap after GC
 * stayed at ~22 MB. Capped at 8 MB per semi-space, RSS stays near 125 MB (bench/soak.ts).
 * package.json's `demo` script repeats them.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8']
