// The command a presenter would type for each cluster action: the terminal line the room sees, the same for the
// simulated and the live ops-demo.
import type { ActionRequest } from '../../common/protocol'
import { COLOR_ENV } from '../../common/manifests'

export type ClusterAction = Extract<ActionRequest, { type: 'drift.scale' | 'drift.setColor' | 'drift.deletePod' | 'drift.deleteNamespace' | 'app.refresh' | 'app.sync' }>

export interface CommandTarget {
  namespace: string
  deployment: string
  /** The pod a `drift.deletePod` deletes, once the backend has picked it. */
  pod?: string
}

export function commandLine(request: ClusterAction, { namespace, deployment, pod }: CommandTarget): string {
  switch (request.type) {
    case 'drift.scale':
      return `kubectl -n ${namespace} scale deploy/${deployment} --replicas=${request.replicas}`
    case 'drift.setColor':
      return `kubectl -n ${namespace} set env deploy/${deployment} ${COLOR_ENV}=${request.color}`
    case 'drift.deletePod':
      return `kubectl -n ${namespace} delete pod ${pod ?? request.pod ?? ''}`.trimEnd()
    case 'drift.deleteNamespace':
      return `kubectl delete namespace ${namespace}`
    case 'app.refresh':
      return `argocd app get ${request.app} --refresh`
    case 'app.sync':
      return `argocd app sync ${request.app} --prune`
  }
}
