import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: server/ sits directly under it. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
