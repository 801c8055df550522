import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { handAppliedExamples, listYamlFiles, loadSingle, repoPath } from './helpers'
import { lintTekton } from './tekton-checks'

const pipelineFiles = listYamlFiles('manifests/ci/pipeline')
const pipelineRunFile = 'scripts/tekton/pipelinerun.yaml'

describe('the Tekton pipeline', () => {
  it('passes @ibm/tekton-lint (offline) with no errors, including the example PipelineRun', async () => {
    const problems = await lintTekton([...pipelineFiles, pipelineRunFile])
    expect(problems.filter(problem => problem.level === 'error')).toEqual([])
  })

  it('runs clone → validate → bump tag → git push, in that order', () => {
    const pipeline = loadSingle('manifests/ci/pipeline/pipeline.yaml')
    const tasks = pipeline.spec.tasks as Array<{ name: string, runAfter?: string[] }>
    expect(tasks.map(task => task.name)).toEqual([
      'clone',
      'validate',
      'bump-tag',
      'git-push',
    ])
    tasks.slice(1).forEach((task, index) => expect(task.runAfter).toEqual([tasks[index]!.name]))
  })

  it('the example PipelineRun runs that pipeline as its ServiceAccount, which holds the git credentials Secret', () => {
    const run = loadSingle(pipelineRunFile)
    const pipeline = loadSingle('manifests/ci/pipeline/pipeline.yaml')
    const serviceAccount = loadSingle<any>('manifests/ci/pipeline/serviceaccount.yaml')
    const secret = loadSingle<any>('scripts/tekton/git-credentials.example.yaml')
    expect(run.spec.pipelineRef.name).toBe(pipeline.metadata.name)
    expect(run.metadata.namespace).toBe(pipeline.metadata.namespace)
    expect(run.spec.taskRunTemplate.serviceAccountName).toBe(serviceAccount.metadata.name)
    expect(serviceAccount.secrets).toContainEqual({ name: secret.metadata.name })
    expect(secret.type).toBe('kubernetes.io/basic-auth')
    expect(secret.metadata.annotations['tekton.dev/git-0']).toBe('https://github.com')
  })

  it('the example PipelineRun bumps podinfo to a newer tag than the deployed one (else it has nothing to push)', () => {
    const run = loadSingle(pipelineRunFile)
    const tag = (run.spec.params as Array<{ name: string, value: string }>).find(param => param.name === 'podinfo-tag')!.value
    const deployed = /image: ghcr\.io\/stefanprodan\/podinfo:(\S+)/.exec(readFileSync(repoPath('manifests/apps/podinfo/deployment.yaml'), 'utf8'))![1]!
    const semver = (version: string): number[] => version.split('.').map(Number)
    const [newer, older] = [
      semver(tag),
      semver(deployed),
    ]
    expect(tag).toMatch(/^\d+\.\d+\.\d+$/)
    const firstDifference = newer.findIndex((part, index) => part !== older[index])
    expect(firstDifference, `${tag} vs ${deployed}`).toBeGreaterThan(-1)
    expect(newer[firstDifference]!).toBeGreaterThan(older[firstDifference]!)
  })

  it('keeps credentials and runs out of the synced paths', () => {
    for (const example of handAppliedExamples)
      expect(example.startsWith('manifests/') || example.startsWith('apps/')).toBe(false)
    const syncedSecrets = pipelineFiles.filter(file => loadSingle(file).kind === 'Secret')
    expect(syncedSecrets).toEqual([])
  })
})
