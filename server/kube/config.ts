import { existsSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { KubeConfig } from '@kubernetes/client-node'
import { firstLine } from '../../common/text'
import { BackendUnavailableError } from '../backend'

export interface KubeconfigOptions {
  /** --kubeconfig PATH */
  kubeconfig?: string
  /** --context NAME */
  context?: string
  /** The environment to read KUBECONFIG from (tests pass their own). */
  env?: NodeJS.ProcessEnv
  /** Where the Vagrantfile writes ./kubeconfig: the repository root. */
  repoRoot: string
}

export interface LoadedKubeconfig {
  config: KubeConfig
  file: string
  context: string
  server: string
}

const HOW_TO_GET_ONE = 'run `vagrant up` (writes ./kubeconfig) or pass --kubeconfig PATH'

/**
 * The kubeconfig to use: --kubeconfig, else KUBECONFIG, else the Vagrantfile's ./kubeconfig.
 * ~/.kube/config is deliberately not a fallback: the demo patches and deletes, and must not
 * do so silently on whatever cluster the presenter used last.
 */
export function findKubeconfig(options: KubeconfigOptions): { file: string, from: string } | undefined {
  if (options.kubeconfig) {
    return {
      file: resolve(options.kubeconfig),
      from: '--kubeconfig',
    }
  }
  const fromEnv = (options.env?.KUBECONFIG ?? '').split(delimiter).map(path => path.trim()).filter(Boolean)
  if (fromEnv.length > 0) {
    return {
      file: resolve(fromEnv.find(path => existsSync(path)) ?? fromEnv[0] ?? ''),
      from: 'KUBECONFIG',
    }
  }
  const vagrantFile = join(options.repoRoot, 'kubeconfig')
  if (existsSync(vagrantFile))
    return { file: vagrantFile, from: './kubeconfig' }
  return undefined
}

/** Loads and checks the kubeconfig; every failure is one line that says what to do. */
export function loadKubeconfig(options: KubeconfigOptions): LoadedKubeconfig {
  const found = findKubeconfig(options)
  if (!found)
    throw new BackendUnavailableError(`no kubeconfig: ${HOW_TO_GET_ONE}`)
  const { file, from } = found
  if (!existsSync(file))
    throw new BackendUnavailableError(`kubeconfig ${file} (from ${from}) does not exist: ${HOW_TO_GET_ONE}`)
  const config = new KubeConfig()
  try {
    config.loadFromFile(file)
  }
  catch (error) {
    throw new BackendUnavailableError(`kubeconfig ${file} is not valid (${firstLine(error)}): ${HOW_TO_GET_ONE}`)
  }
  const contexts = config.getContexts().map(context => context.name)
  if (options.context) {
    if (!contexts.includes(options.context))
      throw new BackendUnavailableError(`kubeconfig ${file} has no context "${options.context}"; contexts: ${contexts.join(', ') || 'none'}`)
    config.setCurrentContext(options.context)
  }
  const context = config.getCurrentContext()
  const cluster = config.getCurrentCluster()
  if (!context || !cluster)
    throw new BackendUnavailableError(`kubeconfig ${file} has no current context with a cluster; pass --context NAME (one of: ${contexts.join(', ') || 'none'})`)
  return {
    config,
    file,
    context,
    server: cluster.server,
  }
}
