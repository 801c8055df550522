import type { KubernetesObject } from '@kubernetes/client-node'
import type { SyncRetryStrategy } from '../kit/sync-retry'
import { PODINFO_APP } from '../../common/manifests'

/** Where the demo's objects live in the cluster. */
export interface DemoTarget {
  /** Argo CD's namespace, holding the Applications. */
  argocdNamespace: string
  /** The Application whose repository the git actions change. */
  podinfoApp: string
  /** podinfo's namespace and Deployment name. */
  namespace: string
  deployment: string
}

export const defaultTarget: DemoTarget = {
  argocdNamespace: 'argocd',
  podinfoApp: PODINFO_APP,
  namespace: 'podinfo',
  deployment: 'podinfo',
}

export const ARGOCD_GROUP = 'argoproj.io'
export const ARGOCD_VERSION = 'v1alpha1'
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh'
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'
export const SYNC_INITIATOR = 'gitops-in-practice'

export interface ApplicationSource {
  repoURL?: string
  path?: string
  chart?: string
  ref?: string
  targetRevision?: string
}

export interface OperationInitiator { username?: string, automated?: boolean }

/** An Application's `operation` (argoproj.io/v1alpha1 Operation), as far as the demo writes or reads it. */
export interface SyncOperationRequest {
  sync?: {
    revision?: string
    revisions?: string[]
    prune?: boolean
    dryRun?: boolean
    /** A partial sync of these (a self-heal syncs only the resources that drifted). */
    resources?: { group?: string, kind: string, name: string, namespace?: string }[]
    syncStrategy?: { hook?: Record<string, never>, apply?: { force?: boolean } }
    syncOptions?: string[]
    source?: ApplicationSource
    sources?: ApplicationSource[]
    /** Set by the controller on a self-heal (json name of SyncOperation.SelfHealAttemptsCount). */
    autoHealAttemptsCount?: number
  }
  initiatedBy?: OperationInitiator
  retry?: SyncRetryStrategy
}

export interface OperationState {
  phase?: string
  message?: string
  startedAt?: string
  finishedAt?: string
  /** Retries of a failed sync so far (the phase stays Running while Argo CD waits to retry). */
  retryCount?: number
  operation?: SyncOperationRequest
  syncResult?: { revision?: string, revisions?: string[] }
}

/** The part of an argoproj.io/v1alpha1 Application the demo reads (as Argo CD 3.x writes it). */
export interface Application extends KubernetesObject {
  spec?: {
    project?: string
    source?: ApplicationSource
    sources?: ApplicationSource[]
    destination?: { server?: string, namespace?: string }
    syncPolicy?: {
      automated?: { prune?: boolean, selfHeal?: boolean, enabled?: boolean }
      syncOptions?: string[]
      retry?: SyncRetryStrategy
    }
  }
  operation?: SyncOperationRequest
  status?: {
    sync?: { status?: string, revision?: string, revisions?: string[], comparedTo?: unknown }
    health?: { status?: string, message?: string }
    operationState?: OperationState
    reconciledAt?: string
    conditions?: { type?: string, message?: string }[]
    resources?: { group?: string, kind?: string, name?: string, namespace?: string, status?: string }[]
  }
}
