// Stands in for `@slidev/client` in component tests (vitest.config.ts aliases it): the same small surface
// types/slidev-client.d.ts declares, driven by the test instead of a running Slidev app.
import type { RenderContext } from '@slidev/types'
import { computed, reactive, ref } from 'vue'

/**
 * What the next mounted slide copy gets (`renderContext`, `page`: fixed per copy, as Slidev's SlideWrapper provides
 * them), and the window's navigation, which the test may change at any time.
 */
export const slidevFake = {
  renderContext: ref<RenderContext>('slide'),
  page: ref(1),
  currentSlideNo: ref(1),
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
    currentSlideNo: computed(() => slidevFake.currentSlideNo.value),
    total: computed(() => 1),
    isPrintMode: computed(() => slidevFake.printMode.value),
    isPresenter: computed(() => slidevFake.presenter.value),
    isPlaying: computed(() => !slidevFake.presenter.value),
    go: async () => {},
  }
}

export function useSlideContext() {
  return {
    $renderContext: ref(slidevFake.renderContext.value),
    $page: ref(slidevFake.page.value),
    $clicks: ref(0),
  }
}
