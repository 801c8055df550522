// podinfo while its namespace is deleted (or new and still empty) and no pod serves it: what a browser gets (503
// while the namespace terminates, nginx's 404 once the Ingress is gone) and the line that says why, for the projector
// and a phone.
import type { Lang } from '../common/lang'
import type { PodinfoState } from '../common/protocol'
import { servedColor } from './demoPhase'

export interface PodinfoGone {
  /** Active: the namespace is back, podinfo's Deployment not yet (Argo CD creates the namespace first). */
  phase: 'Active' | 'Terminating' | 'Gone'
  /** What the URL answers. */
  code: string
  text: string
}

export function podinfoGone(podinfo: PodinfoState | undefined, lang: Lang): PodinfoGone | undefined {
  const namespace = podinfo?.namespace
  if (!namespace || servedColor(podinfo.pods))
    return undefined
  if (namespace.phase === 'Active') {
    // No Deployment (no image) and no pods: the namespace is new and empty.
    return podinfo.image || podinfo.pods.length > 0
      ? undefined
      : {
          phase: 'Active',
          code: '404',
          text: lang === 'nl'
            ? `namespace ${namespace.name}: nog leeg`
            : `namespace ${namespace.name}: still empty`,
        }
  }
  if (namespace.phase === 'Terminating')
    return { phase: 'Terminating', code: '503', text: `namespace ${namespace.name}: Terminating` }
  return {
    phase: 'Gone',
    code: '404',
    text: lang === 'nl'
      ? `namespace ${namespace.name} is weg`
      : `namespace ${namespace.name} is gone`,
  }
}
