import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { generateToken, tokensMatch, writeTokenFile } from '../../../server/access/auth'
import { deniedFiles } from '../../../server/deck-bridge/vite-plugin'
import { ensurePrivateDir, runtimeRoot, tokenFilePath } from '../../../server/support/paths'
import { connectClient, repoRoot, settled, startTestServer, TEST_TOKEN } from '../helpers'

describe('tokens', () => {
  it('match only the exact token', () => {
    const token = generateToken()
    expect(token.length).toBeGreaterThanOrEqual(32)
    expect(generateToken()).not.toBe(token)
    expect(tokensMatch(token, token)).toBe(true)
    for (const candidate of [
      undefined,
      null,
      42,
      '',
      `${token} `,
      token.slice(1),
      token.toUpperCase(),
      { token },
    ])
      expect(tokensMatch(candidate, token)).toBe(false)
  })

  it('are written for the presenter windows, readable by this user only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-token-'))
    const file = join(dir, '.demo', 'token')
    await writeTokenFile(file, 'secret-value')
    expect((await readFile(file, 'utf8')).trim()).toBe('secret-value')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    await rm(dir, { recursive: true })
  })
})

describe('read-only clients', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('change nothing without a token or with a wrong one; the presenter does', async () => {
    const server = await startTestServer({ speed: 20 })
    const anonymous = await connectClient(server.url)
    const impostor = await connectClient(server.url, 'guessed-token')
    const presenter = await connectClient(server.url, TEST_TOKEN)
    try {
      const before = await presenter.waitFor(settled, 'the starting state')
      const attempts = [
        { type: 'drift.scale', replicas: 7 },
        { type: 'drift.setColor', color: '#ff0000' },
        { type: 'drift.deletePod' },
        { type: 'git.setColor', color: '#ff0000' },
        { type: 'git.revert' },
        { type: 'demo.reset' },
        { type: 'app.sync', app: 'podinfo' },
      ] as const
      for (const client of [anonymous, impostor]) {
        for (const request of attempts) {
          expect(await client.act(request)).toEqual({
            ok: false,
            error: expect.stringMatching(/^read-only: /),
          })
        }
      }
      const after = presenter.latest()
      expect(after.git.head).toBe(before.git.head)
      expect(after.podinfo.desiredReplicas).toBe(before.podinfo.desiredReplicas)
      expect(after.podinfo.pods.map(pod => pod.name)).toEqual(before.podinfo.pods.map(pod => pod.name))
      expect(after.timeline.some(entry => entry.source === 'presenter')).toBe(false)

      expect(await presenter.act({ type: 'drift.scale', replicas: 3 })).toEqual({ ok: true })
      await anonymous.waitFor(state => state.podinfo.desiredReplicas === 3, 'the presenter\'s change, seen read-only')
    }
    finally {
      anonymous.close()
      impostor.close()
      presenter.close()
      await server.close()
    }
  })

  it('takes the token from DEMO_TOKEN and writes it to the token file', async () => {
    vi.stubEnv('DEMO_TOKEN', 'from-the-environment')
    const dir = await mkdtemp(join(tmpdir(), 'demo-token-'))
    const tokenFile = join(dir, 'token')
    const server = await startTestServer({ token: undefined, tokenFile })
    try {
      expect(server.token).toBe('from-the-environment')
      expect(server.tokenGenerated).toBe(false)
      expect((await readFile(tokenFile, 'utf8')).trim()).toBe('from-the-environment')
      const presenter = await connectClient(server.url, 'from-the-environment')
      expect(await presenter.act({ type: 'app.refresh', app: 'podinfo' })).toEqual({ ok: true })
      presenter.close()
    }
    finally {
      await server.close()
      await rm(dir, { recursive: true })
    }
  })
})

describe('listening beyond this machine', () => {
  it('warns that the audience can see the state, without printing the token', async () => {
    const lines: string[] = []
    const logger = {
      info: (line: string) => lines.push(line),
      warn: (line: string) => lines.push(line),
      error: (line: string) => lines.push(line),
    }
    const server = await startTestServer({ host: '0.0.0.0', logger })
    try {
      expect(lines.some(line => /anyone on this network can now watch/.test(line))).toBe(true)
      expect(lines.join('\n')).not.toContain(TEST_TOKEN)
    }
    finally {
      await server.close()
    }
  })
})

describe('the token file', () => {
  it('is by default outside the deck\'s root, one per demo server port, in a folder of this user only', async () => {
    vi.stubEnv('DEMO_TOKEN_FILE', '')
    const file = tokenFilePath(3031)
    expect(file).toBe(join(runtimeRoot(), 'token-3031'))
    expect(String(file).startsWith(repoRoot)).toBe(false)
    expect(deniedFiles(3031)).toEqual(expect.arrayContaining([
      '**/.demo/**',
      'kubeconfig',
      `${runtimeRoot()}/**`,
      file,
    ]))
    vi.stubEnv('DEMO_TOKEN_FILE', 'none')
    expect(tokenFilePath(3031)).toBe(false)
    vi.unstubAllEnvs()
  })

  it('is never put in a folder another user could read or has prepared', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-private-'))
    try {
      const open = join(dir, 'open')
      await mkdir(open, { mode: 0o755 })
      await chmod(open, 0o755)
      await expect(ensurePrivateDir(open)).rejects.toThrow(/can be read by other users/)
      const link = join(dir, 'link')
      await symlink(dir, link)
      await expect(ensurePrivateDir(link)).rejects.toThrow(/is not a folder of this user/)
      const fresh = join(dir, 'fresh', 'nested')
      await ensurePrivateDir(fresh)
      expect((await stat(fresh)).mode & 0o777).toBe(0o700)
    }
    finally {
      await rm(dir, { recursive: true })
    }
  })
})
