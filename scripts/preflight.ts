import type { KubeConfig } from '@kubernetes/client-node'
import type { Application } from '../server/kube/resources'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CustomObjectsApi, VersionApi } from '@kubernetes/client-node'
// `npm run preflight`: before the talk, checks everything the live demo needs, one line each.
import { errorMessage } from '../common/text'
import { gitFailure, remoteGit, remoteSettings } from '../server/git/git-env'
import { loadKubeconfig } from '../server/kube/config'
import { describeApiError } from '../server/kube/errors'
import { podinfoSource, withoutCredentials } from '../server/kube/git'
import { ARGOCD_GROUP, ARGOCD_VERSION } from '../server/kube/resources'
import { withinDeadline } from '../server/support/deadline'
import { joinAddress, joinUrl } from './lib/lan-address'

export interface CheckResult {
  ok: boolean
  name: string
  /** What was found (✓) or what is wrong (✗). */
  detail: string
  /** What to do about a ✗. */
  fix?: string
}

export const PODINFO_URL = 'http://podinfo.192.168.56.200.nip.io'
const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)))

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return withinDeadline(promise, ms, () => `${what}: no answer in ${ms / 1000} s`)
}

export function checkKubeconfig(options: { kubeconfig?: string, context?: string, env?: NodeJS.ProcessEnv, repoRoot?: string }): CheckResult & { config?: KubeConfig, server?: string } {
  try {
    const loaded = loadKubeconfig({ ...options, env: options.env ?? process.env, repoRoot: options.repoRoot ?? repoRoot })
    return {
      ok: true,
      name: 'kubeconfig',
      detail: `${loaded.file} (context ${loaded.context})`,
      config: loaded.config,
      server: loaded.server,
    }
  }
  catch (error) {
    // The message already says what to do.
    return {
      ok: false,
      name: 'kubeconfig',
      detail: errorMessage(error),
    }
  }
}

export async function checkApiReachable(config: KubeConfig, timeoutMs = 5000): Promise<CheckResult> {
  const server = config.getCurrentCluster()?.server ?? 'the cluster'
  try {
    const version = await withTimeout(config.makeApiClient(VersionApi).getCode(), timeoutMs, server)
    return { ok: true, name: 'Kubernetes API', detail: `${server} answers (${version.gitVersion})` }
  }
  catch (error) {
    return {
      ok: false,
      name: 'Kubernetes API',
      detail: `${server}: ${describeApiError(error)}`,
      fix: 'start the VM (`vagrant up`) and check `kubectl get nodes`',
    }
  }
}

export async function checkApplications(config: KubeConfig, namespace = 'argocd', timeoutMs = 5000): Promise<CheckResult> {
  try {
    const list = await withTimeout(
      config.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({
        group: ARGOCD_GROUP,
        version: ARGOCD_VERSION,
        namespace,
        plural: 'applications',
      }),
      timeoutMs,
      'Applications',
    ) as { items?: Application[] }
    const apps = list.items ?? []
    if (apps.length === 0) {
      return {
        ok: false,
        name: 'Argo CD Applications',
        detail: `none in ${namespace}`,
        fix: 'bootstrap Argo CD: `kubectl apply -f apps/root.yaml`',
      }
    }
    const unwell = apps.filter(app => app.status?.sync?.status !== 'Synced' || app.status.health?.status !== 'Healthy')
    if (unwell.length > 0) {
      return {
        ok: false,
        name: 'Argo CD Applications',
        detail: unwell.map(app => `${app.metadata?.name}: ${app.status?.sync?.status ?? 'Unknown'}/${app.status?.health?.status ?? 'Unknown'}`).join(', '),
        fix: 'open Argo CD, or sync them: `npm run demo -- --backend kube` and use Sync',
      }
    }
    return { ok: true, name: 'Argo CD Applications', detail: `${apps.length} Synced and Healthy` }
  }
  catch (error) {
    return {
      ok: false,
      name: 'Argo CD Applications',
      detail: describeApiError(error),
      fix: 'is Argo CD installed? `kubectl -n argocd get applications`',
    }
  }
}

export async function checkPodinfo(url = PODINFO_URL, timeoutMs = 3000): Promise<CheckResult> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
    })
    return response.ok
      ? { ok: true, name: 'podinfo', detail: `${url} answers ${response.status}` }
      : {
          ok: false,
          name: 'podinfo',
          detail: `${url} answers ${response.status}`,
          fix: 'check ingress-nginx and MetalLB: `kubectl -n podinfo get ingress`',
        }
  }
  catch (error) {
    return {
      ok: false,
      name: 'podinfo',
      detail: `${url}: ${describeApiError(error)}`,
      fix: 'is the VM up and 192.168.56.200 routed (MetalLB)? nip.io needs DNS: a hosts entry works offline',
    }
  }
}

/**
 * Can we push to the branch Argo CD watches (podinfo's repoURL and targetRevision in apps/, as the demo's
 * git actions do)? The branch must exist, and a dry-run push of its own tip to it must be accepted: the
 * remote checks our credentials for a push, nothing is written. (Server-side hooks, e.g. branch
 * protection, only run on a real push: the demo then reports the remote's reason.)
 */
export async function checkGitPush(dir = repoRoot, url?: string, revision?: string): Promise<CheckResult> {
  const source = await podinfoSource(dir, 'podinfo')
  const target = url ?? source?.repoURL
  const wanted = (revision ?? source?.targetRevision ?? '').trim()
  const fix = 'check your git credentials (ssh-add, credential helper) and that apps/ points at your fork and branch (scripts/set-repo.sh URL BRANCH)'
  if (!target) {
    return {
      ok: false,
      name: 'git push',
      detail: 'no repoURL in apps/apps/podinfo.yaml',
      fix: 'run scripts/set-repo.sh <your fork> <branch>',
    }
  }
  const shown = withoutCredentials(target)
  const scratch = await mkdtemp(join(tmpdir(), 'preflight-git-'))
  try {
    const git = remoteGit(scratch, await remoteSettings())
    await git.raw(['init', '--quiet'])
    const refs = await git.raw([
      'ls-remote',
      '--symref',
      target,
      'HEAD',
      'refs/heads/*',
      'refs/tags/*',
    ])
    const defaultBranch = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(refs)?.[1]
    const branch = wanted === '' || wanted === 'HEAD'
      ? defaultBranch
      : wanted.replace(/^refs\/heads\//, '')
    const has = (ref: string) => refs.split('\n').some(line => line.split('\t')[1] === ref)
    if (!branch || !has(`refs/heads/${branch}`)) {
      const what = has(`refs/tags/${wanted}`)
        ? 'a tag'
        : /^[0-9a-f]{7,40}$/i.test(wanted)
          ? 'a commit'
          : `no branch of ${shown}`
      return {
        ok: false,
        name: 'git push',
        detail: `podinfo follows ${wanted || 'HEAD'}: ${what}; the demo can only push to a branch`,
        fix: 'point podinfo at a branch that exists: scripts/set-repo.sh URL BRANCH (and push that branch)',
      }
    }
    await git.raw([
      'fetch',
      '--quiet',
      '--depth=1',
      target,
      `refs/heads/${branch}`,
    ])
    await git.raw([
      'push',
      '--dry-run',
      '--porcelain',
      target,
      `FETCH_HEAD:refs/heads/${branch}`,
    ])
    return { ok: true, name: 'git push', detail: `${shown} ${branch} accepts a push from you (dry run)` }
  }
  catch (error) {
    return {
      ok: false,
      name: 'git push',
      detail: `${shown}: ${withoutCredentials(gitFailure(error)).replace(/\/\/[^@/\s]*@/g, '//')}`,
      fix,
    }
  }
  finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

export async function checkDeckBuilds(root = repoRoot, timeoutMs = 300_000): Promise<CheckResult> {
  const out = await mkdtemp(join(tmpdir(), 'preflight-build-'))
  try {
    const code = await new Promise<number | null>((resolvePromise) => {
      const child = spawn(join(root, 'node_modules/.bin/slidev'), ['build', '--out', out], { cwd: root, stdio: 'ignore' })
      const timer = setTimeout(() => child.kill(), timeoutMs)
      child.on('error', () => resolvePromise(-1))
      child.on('exit', (exitCode) => {
        clearTimeout(timer)
        resolvePromise(exitCode)
      })
    })
    return code === 0
      ? { ok: true, name: 'deck builds', detail: 'slidev build succeeded' }
      : {
          ok: false,
          name: 'deck builds',
          detail: `slidev build exited with ${code}`,
          fix: 'run `npm run build` to see the error',
        }
  }
  finally {
    await rm(out, { recursive: true, force: true })
  }
}

/**
 * `--remote`: does the deck answer on the LAN address the slides will show phones, and does it show that address?
 * Run it while `npm run dev -- --remote` runs. From this machine it proves the deck listens there and the address is
 * current; whether phones get through the room's Wi-Fi only a phone can tell (README: Phones in the room).
 */
export async function checkDeckOnLan(port: number, address: string | undefined, timeoutMs = 3000): Promise<CheckResult> {
  const name = 'phones can join'
  if (!address) {
    return {
      ok: false,
      name,
      detail: 'this machine has no address on a room network (only loopback, virtual or link-local ones)',
      fix: 'join the room\'s Wi-Fi, the venue\'s wired network or a phone hotspot, then start npm run dev -- --remote again',
    }
  }
  const url = joinUrl(address, port)
  try {
    const response = await fetch(`${url}/__demo/join`, {
      signal: AbortSignal.timeout(timeoutMs),
    })
    const shows = response.ok
      ? ((await response.json()) as { url?: string | null }).url
      : undefined
    if (!response.ok || shows === undefined) {
      return {
        ok: false,
        name,
        detail: `${url} answers ${response.status}, not as this deck`,
        fix: `is something else on port ${port}? Start the deck with npm run dev -- --remote`,
      }
    }
    if (!shows) {
      return {
        ok: false,
        name,
        detail: `the deck on ${url} runs without --remote: the slides show no join code`,
        fix: 'restart it with npm run dev -- --remote',
      }
    }
    if (shows !== url) {
      return {
        ok: false,
        name,
        detail: `the slides show ${shows}, but this machine is now at ${url} (the network changed)`,
        fix: 'restart npm run dev -- --remote',
      }
    }
    return { ok: true, name, detail: `${url} answers and the slides show it; now open it on a phone on the room's network` }
  }
  catch (error) {
    return {
      ok: false,
      name,
      detail: `nothing answers on ${url}: ${describeApiError(error)}`,
      fix: `start the deck with npm run dev -- --remote (and let port ${port} through this machine's firewall)`,
    }
  }
}

export function formatResult(result: CheckResult): string {
  return result.ok
    ? `✓ ${result.name}: ${result.detail}`
    : `✗ ${result.name}: ${result.detail}${result.fix
      ? ` — ${result.fix}`
      : ''}`
}

/** Runs the checks in order, printing each line as it is known; the exit status: 0 only if all passed. */
export async function runPreflight(checks: readonly (() => Promise<CheckResult> | CheckResult)[], print: (line: string) => void): Promise<number> {
  let failed = 0
  for (const check of checks) {
    const result = await check()
    if (!result.ok)
      failed++
    print(formatResult(result))
  }
  print(failed === 0
    ? 'ready for the talk'
    : `${failed} check(s) failed`)
  return failed === 0
    ? 0
    : 1
}

export function preflightChecks(options: { kubeconfig?: string, context?: string, skipBuild?: boolean, remote?: boolean, port?: number, bind?: string }): (() => Promise<CheckResult> | CheckResult)[] {
  let kube: ReturnType<typeof checkKubeconfig> | undefined
  const needsCluster = (name: string, check: (config: KubeConfig) => Promise<CheckResult>) => async (): Promise<CheckResult> =>
    kube?.config
      ? check(kube.config)
      : { ok: false, name, detail: 'not checked: no usable kubeconfig' }
  const checks: (() => Promise<CheckResult> | CheckResult)[] = [
    () => (kube = checkKubeconfig(options)),
    needsCluster('Kubernetes API', config => checkApiReachable(config)),
    needsCluster('Argo CD Applications', config => checkApplications(config)),
    () => checkPodinfo(),
    () => checkGitPush(),
  ]
  if (options.remote)
    checks.unshift(() => checkDeckOnLan(options.port ?? 3030, joinAddress(options.bind).address))
  if (!options.skipBuild)
    checks.push(() => checkDeckBuilds())
  return checks
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'kubeconfig': { type: 'string' },
      'context': { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      // Phones in the room: the deck (npm run dev -- --remote) answers on the LAN address the slides show.
      'remote': { type: 'boolean', default: false },
      'port': { type: 'string', default: '3030' },
      'bind': { type: 'string' },
    },
  })

  const code = await runPreflight(preflightChecks({
    kubeconfig: values.kubeconfig,
    context: values.context,
    skipBuild: values['skip-build'],
    remote: values.remote,
    port: Number(values.port),
    bind: values.bind,
  }), line => console.log(line))
  process.exit(code)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  void main()
