// Stands in for `@slidev/client` in component tests (vitest.config.ts aliases it): the same small surface
// types/slidev-client.d.ts declares, driven by the test instead of a running Slidev app.
import type { RenderContext } from '@slidev/types'
import { computed, reactive, ref } from 'vue'

export const slidevFake = {
  renderContext: ref<RenderContext>('slide'),
  printMode: ref(false),
  presenter: ref(false),
}

export function createSyncState<State extends object>(_server: State, defaultState: State) {
  const state = reactive({ ...defaultState }) as State
  return {
    init: () => {},
    onPatch: () => {},
    onUpdate: () => {},
    patch: () => {},
    state,
  }
}

export function useNav() {
  return {
    currentSlideNo: computed(() => 1),
    total: computed(() => 1),
    isPrintMode: computed(() => slidevFake.printMode.value),
    isPresenter: computed(() => slidevFake.presenter.value),
    isPlaying: computed(() => !slidevFake.presenter.value),
    go: async () => {},
  }
}

export function useSlideContext() {
  return {
    $renderContext: slidevFake.renderContext,
    $page: ref(1),
    $clicks: ref(0),
  }
}
