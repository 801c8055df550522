import type { KubeObject } from './helpers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { env } from 'node:process'
import { Config, Linter } from '@ibm/tekton-lint'
import { repoPath } from './helpers'

const tektonKinds = new Set([
  'Pipeline',
  'PipelineRun',
  'Task',
  'TaskRun',
])

/** What tekton-lint does not check: the v1 API, and that nothing is resolved remotely at run time. */
export function tektonStructureProblems(object: KubeObject): string[] {
  const problems: string[] = []
  if (object.apiVersion !== 'tekton.dev/v1')
    problems.push(`apiVersion must be tekton.dev/v1, not ${object.apiVersion}`)
  if (!tektonKinds.has(object.kind))
    problems.push(`unknown Tekton kind ${object.kind}`)
  if (object.metadata.name === undefined && object.metadata.generateName === undefined)
    problems.push('metadata.name or metadata.generateName is required')
  if (JSON.stringify(object).includes('"resolver"'))
    problems.push('uses a remote resolver (hub/bundles/git/cluster); tasks must be inline')
  if (object.kind === 'Pipeline') {
    const tasks = (object.spec?.tasks ?? []) as Array<{ name: string, taskSpec?: { steps?: unknown[] } }>
    if (tasks.length === 0)
      problems.push('a Pipeline needs tasks')
    for (const task of tasks) {
      if (task.taskSpec?.steps === undefined || task.taskSpec.steps.length === 0)
        problems.push(`task ${task.name} must have an inline taskSpec with steps`)
    }
  }
  if (object.kind === 'PipelineRun' && object.spec?.pipelineRef?.name === undefined && object.spec?.pipelineSpec === undefined)
    problems.push('a PipelineRun needs pipelineRef.name or pipelineSpec')
  return problems
}

export interface LintProblem { message: string, rule: string, level: string, path: string }

/** Runs @ibm/tekton-lint's library API over repository files, offline (no external-tasks configured). */
export async function lintTekton(files: string[]): Promise<LintProblem[]> {
  const cache = mkdtempSync(join(tmpdir(), 'tekton-lint-cache-'))
  env.TL_CACHE_DIR = cache
  const config = new Config({
    '_': files.map(file => repoPath(file)),
    // a directory without .tektonlintrc.yaml: the linter's default rules
    'config': repoPath('tests', 'gitops'),
    'format': 'json',
    'quiet': true,
    'max-warnings': -1,
    'refresh-cache': false,
  })
  try {
    return await Linter.run(config) as LintProblem[]
  }
  finally {
    rmSync(cache, { recursive: true, force: true })
  }
}
