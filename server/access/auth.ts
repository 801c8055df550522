import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

export function generateToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Constant-time comparison; hashing first makes it independent of the lengths too. */
export function tokensMatch(candidate: unknown, expected: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 1024)
    return false
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(candidate), digest(expected))
}

/** Where the deck's presenter windows pick the token up: readable by this user only. */
export async function writeTokenFile(path: string, token: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  await writeFile(path, `${token}\n`, { mode: 0o600 })
  await chmod(path, 0o600)
}

export async function readTokenFile(path: string): Promise<string | undefined> {
  return (await readFile(path, 'utf8').catch(() => ''))?.trim() || undefined
}
