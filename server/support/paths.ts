import { lstat, mkdir } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

/** The repository root: this file is server/support/paths.ts. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Where the demo keeps what it writes while it runs (the presenter token, the temporary git repositories):
 * one folder per user under the system's temporary folder, outside anything the deck's dev server serves.
 */
export function runtimeRoot(): string {
  return join(tmpdir(), `gitops-in-practice-${process.getuid?.() ?? userInfo().username}`)
}

/** The token file of the demo server on `port`, unless DEMO_TOKEN_FILE says otherwise ("none": no file). */
export function tokenFilePath(port: number): string | false {
  const fromEnv = process.env.DEMO_TOKEN_FILE?.trim()
  if (fromEnv === 'none')
    return false
  return fromEnv || join(runtimeRoot(), `token-${port}`)
}

/**
 * Creates `dir` readable by this user only, or checks that it is: a folder (not a link) that this user owns.
 * In a shared /tmp another user could otherwise have made it first, to read what we put in it.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const info = await lstat(dir)
  const uid = process.getuid?.()
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid))
    throw new Error(`${dir} is not a folder of this user: remove it, or set TMPDIR to a folder of your own`)
  if ((info.mode & 0o077) !== 0)
    throw new Error(`${dir} can be read by other users: remove it, or chmod 700 it`)
}
