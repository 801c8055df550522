// The presenter's cluster actions on the live cluster: each checked against what the informers show, put on the
// timeline as the command it stands for, then sent to the API (ClusterActions). `kubectl delete namespace podinfo`
// is refused unless Argo CD would bring back everything in it (server/kit/namespace-deletion.ts).
import type { KubeConfig } from '@kubernetes/client-node'
import type { ApplicationState } from '../../common/protocol'
import type { ClusterAction } from '../kit/commands'
import type { Timeline } from '../support/timeline'
import type { ClusterActions } from './actions'
import type { ApplicationNarrator } from './narrator'
import type { DemoTarget } from './resources'
import type { createDemoInformers } from './watched-resources'
import { RefusedError } from '../backend'
import { commandLine } from '../kit/commands'
import { namespaceDeletionRefusal } from '../kit/namespace-deletion'
import { podToDelete } from './actions'
import { foreignResources, listNamespaceContent } from './namespace-content'
import { namespacePhase } from './namespace-watch'

export interface ClusterRequestsContext {
  config: KubeConfig
  actions: ClusterActions
  informers: ReturnType<typeof createDemoInformers>
  narrator: ApplicationNarrator
  timeline: Timeline
  target: DemoTarget
  requestMs: number
}

export class ClusterRequests {
  constructor(private readonly context: ClusterRequestsContext) {}

  async perform(request: ClusterAction): Promise<void> {
    const { actions, informers, target } = this.context
    switch (request.type) {
      case 'drift.scale':
        this.presenter(request)
        return actions.scale(request.replicas)
      case 'drift.setColor':
        this.presenter(request)
        return actions.setColor(request.color)
      case 'drift.deletePod': {
        const name = podToDelete(informers.pods.list(), request.pod, target.namespace)
        this.presenter(request, name)
        return actions.deletePod(name)
      }
      case 'drift.deleteNamespace':
        await this.refuseNamespaceDeletion()
        this.presenter(request)
        return actions.deleteNamespace()
      case 'app.refresh':
        this.requireApplication(request.app)
        this.presenter(request)
        return actions.refresh(request.app)
      case 'app.sync':
        if (this.requireApplication(request.app).operation?.phase === 'Running')
          throw new Error(`${request.app}: a sync is already running`)
        this.presenter(request)
        return actions.sync(request.app)
    }
  }

  /**
   * Throws a RefusedError when deleting podinfo's namespace would not be undone by Argo CD: the Application's sync
   * policy, its state and the namespace's phase as the informers show them; then, only if all of that allows it, the
   * namespace's content as listed now against the Application's status.resources.
   */
  private async refuseNamespaceDeletion(): Promise<void> {
    const { informers, target, config, requestMs } = this.context
    const app = informers.applications.list().find(candidate => candidate.metadata?.name === target.podinfoApp)
    const state = this.requireApplication(target.podinfoApp)
    const automated = app?.spec?.syncPolicy?.automated
    const phase = namespacePhase(informers.namespaces.list(), informers.namespaces.health.synced)
    if (!phase)
      throw new Error(`namespace ${target.namespace} is not listed yet; check the connection to the cluster`)
    const facts = {
      app: target.podinfoApp,
      namespace: target.namespace,
      syncOptions: app?.spec?.syncPolicy?.syncOptions,
      // Argo CD 3.x: `automated.enabled: false` turns automated sync off while the block stays.
      selfHeal: automated?.selfHeal === true && automated.enabled !== false,
      sync: state.syncStatus,
      health: state.healthStatus,
      phase,
    }
    const refusal = namespaceDeletionRefusal(facts)
      ?? namespaceDeletionRefusal({
        ...facts,
        foreign: foreignResources(await listNamespaceContent(config, target.namespace, requestMs), app, target.namespace),
      })
    if (refusal)
      throw new RefusedError(refusal)
  }

  private requireApplication(name: string): ApplicationState {
    const app = this.context.narrator.get(name)
    if (!app)
      throw new Error(`no Application ${name} in ${this.context.target.argocdNamespace}`)
    return app
  }

  private presenter(request: ClusterAction, pod?: string): void {
    const { namespace, deployment } = this.context.target
    this.context.timeline.add('presenter', {
      kind: 'command',
      command: commandLine(request, { namespace, deployment, pod }),
    })
  }
}
