// What the demo state says about podinfo, read the same way by the handout's key frames, the recorder and
// `npm run rehearse`.
import type { ApplicationState, DemoState } from './protocol'
import { PODINFO_APP } from './manifests'

export function podinfoApp(state: DemoState): ApplicationState | undefined {
  return state.applications.find(app => app.name === PODINFO_APP)
}

/** The colour git asks for at HEAD, as the slide's YAML shows it. */
export function gitColor(state: DemoState): string | undefined {
  return state.git.desired?.color.toLowerCase()
}

export function liveColor(state: DemoState): string {
  return state.podinfo.color.toLowerCase()
}

/** podinfo as the audience sees it at rest: Synced, Healthy, no operation running, every pod ready in one colour. */
export function settled(state: DemoState): boolean {
  const app = podinfoApp(state)
  return app?.syncStatus === 'Synced'
    && app.healthStatus === 'Healthy'
    && app.operation?.phase !== 'Running'
    && state.podinfo.pods.length === state.podinfo.desiredReplicas
    && state.podinfo.pods.every(pod => pod.phase === 'Running' && pod.ready && pod.color?.toLowerCase() === liveColor(state))
}
