// What the live components show where nothing may connect (PDF export, print): the healthy starting point,
// read from the very files Argo CD syncs, so the handout cannot drift from the repository.
import type { ApplicationState, DemoState } from '../common/protocol'
import deploymentYaml from '../manifests/apps/podinfo/deployment.yaml?raw'
import { startingPoint } from './startingPoint'

const applicationFiles = import.meta.glob<string>('../apps/**/*.yaml', { query: '?raw', import: 'default', eager: true })

export const printState: DemoState = startingPoint(Object.values(applicationFiles), deploymentYaml)
export type { ApplicationState }
