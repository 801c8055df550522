import type { KubeObject } from './helpers'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { gitSourcesOf, loadApplications, sourcesOf } from './argo-applications'
import { listFiles, loadSingle, loadYamlAt, repoPath, repoRoot } from './helpers'
import { requireTool, run } from './tools'

const scratchDirs: string[] = []
/** A folder under the system's temp dir that goes when this file's tests are done. */
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  scratchDirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of scratchDirs)
    rmSync(dir, { recursive: true, force: true })
})

const shellScripts = listFiles('scripts', ['.sh'])
const bootstrap = repoPath('scripts/vm/bootstrap.sh')

describe('shell scripts', () => {
  it('exist', () => {
    expect(shellScripts).toEqual(expect.arrayContaining(['scripts/vm/bootstrap.sh', 'scripts/vm/provision-k3s.sh', 'scripts/set-repo.sh']))
  })

  it.each(shellScripts)('%s passes bash -n', (script) => {
    const result = run('bash', ['-n', script], { cwd: repoRoot })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('all pass shellcheck', () => {
    requireTool('shellcheck')
    const result = run('shellcheck', ['-x', ...shellScripts], { cwd: repoRoot })
    expect(result.stdout).toBe('')
    expect(result.status).toBe(0)
  })

  it.each(shellScripts.filter(script => !script.startsWith('scripts/lib/')))('%s stops on the first failure (set -euo pipefail)', (script) => {
    expect(readFileSync(repoPath(script), 'utf8')).toMatch(/^set -euo pipefail$/m)
  })
})

describe('scripts/vm/bootstrap.sh', () => {
  const source = readFileSync(bootstrap, 'utf8')

  it('installs the Argo CD that apps/argocd.yaml manages (one kustomization, one pinned version), server-side', () => {
    expect(source).toMatch(/kubectl apply --server-side[^\n]*\\\n\s*-k "\$repo_root\/manifests\/argocd"/)
    const argocdApp = loadSingle('apps/argocd.yaml')
    expect(argocdApp.spec.source.path).toBe('manifests/argocd')
    const kustomization = loadSingle<{ resources: string[] }>('manifests/argocd/kustomization.yaml')
    expect(kustomization.resources).toContainEqual(expect.stringMatching(/^https:\/\/raw\.githubusercontent\.com\/argoproj\/argo-cd\/v\d+\.\d+\.\d+\/manifests\/install\.yaml$/))
  })

  it('applies apps/root.yaml and prints the password command and the URLs', () => {
    expect(source).toContain('kubectl apply -f "$repo_root/apps/root.yaml"')
    expect(source).toContain('argocd-initial-admin-secret')
    for (const host of ['argocd', 'podinfo', 'grafana'])
      expect(source).toContain(`http://${host}.$INGRESS_IP.nip.io`)
  })

  // Fake kubectl on an otherwise minimal PATH: the failure paths run for real, no cluster needed.
  function runWithFakeKubectl(kubectlScript: string | undefined, env: NodeJS.ProcessEnv): { status: number | null, stdout: string, stderr: string } {
    const bin = scratchDir('bootstrap-bin-')
    for (const tool of [
      'dirname',
      'head',
      'base64',
      'tr',
      'cat',
    ])
      symlinkSync(run('sh', ['-c', `command -v ${tool}`]).stdout.trim(), join(bin, tool))
    if (kubectlScript !== undefined) {
      writeFileSync(join(bin, 'kubectl'), `#!/bin/sh\n${kubectlScript}\n`)
      chmodSync(join(bin, 'kubectl'), 0o755)
    }
    return run('/bin/bash', [bootstrap], {
      env: { PATH: bin, ...env },
    })
  }

  it('says in one line that kubectl is missing', () => {
    const result = runWithFakeKubectl(undefined, {})
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toMatch(/^bootstrap: error: kubectl is not installed[^\n]*$/)
  })

  it('defaults KUBECONFIG to the repo-root kubeconfig and says in one line when it is absent or the cluster unreachable', () => {
    const result = runWithFakeKubectl('exit 1', {})
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toMatch(/^bootstrap: error: (no kubeconfig at|cluster unreachable through) [^\n]*\/kubeconfig\b[^\n]*$/)
    expect(result.stderr).toContain(repoPath('kubeconfig'))
  })

  it('on a cluster that answers: Argo CD, then Grafana\'s admin Secret (password through stdin, never an argument), then root', () => {
    const kubeconfig = join(scratchDir('bootstrap-kc-'), 'kubeconfig')
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n')
    const log = join(scratchDir('bootstrap-log-'), 'calls')
    const stdinLog = `${log}.stdin`
    // every call succeeds except the lookup of the Secret, which does not exist yet
    const fake = `echo "$*" >> ${log}
case "$*" in *"get secret grafana-admin"*) exit 1 ;; esac
case "$*" in *"create secret"*) cat >> ${stdinLog} ;; *) cat > /dev/null ;; esac`
    const result = runWithFakeKubectl(fake, { KUBECONFIG: kubeconfig })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const calls = readFileSync(log, 'utf8').trim().split('\n')
    const index = (pattern: RegExp): number => calls.findIndex(call => pattern.test(call))
    expect(index(/apply --server-side .* -k .*manifests\/argocd$/)).toBeGreaterThan(-1)
    expect(index(/-n monitoring create secret generic grafana-admin --from-literal=admin-user=admin --from-file=admin-password=\/dev\/stdin$/)).toBeGreaterThan(index(/rollout status statefulset\/argocd-application-controller/))
    expect(index(/^apply -f .*apps\/root\.yaml$/)).toBeGreaterThan(index(/create secret generic grafana-admin/))
    expect(readFileSync(stdinLog, 'utf8')).toMatch(/^[A-Z0-9]{20,}$/i)
    expect(result.stdout).toContain('get secret grafana-admin -o jsonpath=\'{.data.admin-password}\'')
  })

  it('says in one line that the cluster is unreachable', () => {
    const kubeconfig = join(scratchDir('bootstrap-kc-'), 'kubeconfig')
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n')
    const result = runWithFakeKubectl('exit 1', { KUBECONFIG: kubeconfig })
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(`bootstrap: error: cluster unreachable through ${kubeconfig}; is the VM running ('vagrant status')?`)
  })
})

describe('scripts/set-repo.sh', () => {
  function copyOfRepository(): string {
    const copy = scratchDir('set-repo-')
    cpSync(repoPath('apps'), join(copy, 'apps'), { recursive: true })
    mkdirSync(join(copy, 'scripts'))
    for (const part of ['set-repo.sh', 'lib', 'tekton'])
      cpSync(repoPath('scripts', part), join(copy, 'scripts', part), { recursive: true })
    return copy
  }

  it('rewrites every git source (and only those) and the example PipelineRun to a fork, twice in a row', () => {
    const copy = copyOfRepository()
    const fork = 'https://github.com/participant/gitops-in-practice.git'
    for (const _ of [1, 2]) {
      const result = run('bash', [
        join(copy, 'scripts/set-repo.sh'),
        fork,
        'workshop',
      ])
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
    }
    for (const { file, app } of loadApplications()) {
      const [rewritten] = loadYamlAt(join(copy, file)) as KubeObject[]
      const before = sourcesOf(app)
      const after = sourcesOf(rewritten!)
      after.forEach((source, index) => {
        const isGit = before[index]!.chart === undefined
        expect(source.repoURL, file).toBe(isGit ? fork : before[index]!.repoURL)
        expect(source.targetRevision, file).toBe(isGit ? 'workshop' : before[index]!.targetRevision)
      })
    }
    const [pipelineRun] = loadYamlAt(join(copy, 'scripts/tekton/pipelinerun.yaml')) as KubeObject[]
    expect(pipelineRun!.spec.params).toEqual(expect.arrayContaining([
      { name: 'repo-url', value: fork },
      { name: 'revision', value: 'workshop' },
    ]))
  })

  it('refuses to run without a URL', () => {
    const result = run('bash', [
      repoPath('scripts/set-repo.sh'),
    ])
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe('set-repo: error: usage: scripts/set-repo.sh <repo-url> [revision]')
  })

  it('leaves the current repository consistent (every Application uses the same git source)', () => {
    const pairs = new Set(loadApplications().flatMap(({ app }) => gitSourcesOf(app).map(source => `${source.repoURL}@${source.targetRevision}`)))
    expect(pairs.size).toBe(1)
  })
})
