import type { ActionRequest, ActionResponse, DemoState } from '../../common/protocol'
// Replaces composables/useDemo in component tests (vi.mock): the test sets the state and link directly.
import type { LinkState } from '../../composables/useDemo'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { computed, ref, shallowRef } from 'vue'
import { startingPoint } from '../../logic/startingPoint'

// Vitest runs from the repository root.
const root = process.cwd()

function yamlFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter(file => file.endsWith('.yaml'))
    .map(file => readFileSync(join(root, dir, file), 'utf8'))
}

/** The healthy starting point, from this repository's real files. */
export function startingState(): DemoState {
  return startingPoint(yamlFiles('apps'), readFileSync(join(root, 'manifests/apps/podinfo/deployment.yaml'), 'utf8'))
}

export const demoFake = {
  state: shallowRef<DemoState | undefined>(startingState()),
  linkState: ref<LinkState>('connected'),
  readOnlyReason: ref<string | undefined>(undefined),
  sent: [] as ActionRequest[],
  answer: { ok: true } as ActionResponse,
  reset() {
    this.state.value = startingState()
    this.linkState.value = 'connected'
    this.readOnlyReason.value = undefined
    this.sent.length = 0
    this.answer = { ok: true }
  },
}

export function useDemo() {
  return {
    state: demoFake.state,
    linkState: demoFake.linkState,
    linkError: ref<string>(),
    lastStateAt: ref(Date.now()),
    canAct: computed(() => !demoFake.readOnlyReason.value && demoFake.linkState.value === 'connected'),
    readOnlyReason: demoFake.readOnlyReason,
    busy: ref(false),
    act: async (request: ActionRequest) => {
      demoFake.sent.push(request)
      return demoFake.answer
    },
  }
}
