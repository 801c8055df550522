/**
 * Node flags for the demo server's process. Under a long rehearsal V8 grows its young generation to 64–128 MB
 * for the state churn and does not give it back: RSS reached 250–265 MB while the heap after GC stayed at ~22 MB.
 * With 4 MB per semi-space, RSS stayed at 128 MB after the 10-minute soak (bench/soak.ts; 8 MB: 145 MB).
 * package.json's `demo` script repeats them.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4']
