// `@slidev/client` ships TypeScript source compiled under Slidev's own (looser) settings; type-checking
// it under this project's strict options fails inside node_modules. tsconfig `paths` points here instead:
// the small surface this deck uses, with the signatures copied from @slidev/client 53.
declare module '@slidev/client' {
  import type { RenderContext } from '@slidev/types'
  import type { ComputedRef, Ref } from 'vue'

  export function createSyncState<State extends object>(serverState: State, defaultState: State, persist?: boolean): {
    init: (channelKey: string) => void
    onPatch: (fn: (state: State) => void) => void
    onUpdate: (patch: Partial<State>) => void
    patch: <K extends keyof State>(key: K, value: State[K]) => void
    state: State
  }

  /** The part of a slide's route meta the deck reads and replaces (`meta` is shallowReactive). */
  export interface SlideRoute {
    no: number
    meta: { slide: { title?: string, frontmatter: Record<string, unknown> } }
  }

  export const configs: { title: string }

  export function useNav(): {
    slides: Ref<SlideRoute[]>
    currentSlideNo: ComputedRef<number>
    total: ComputedRef<number>
    isPrintMode: ComputedRef<boolean>
    isPresenter: ComputedRef<boolean>
    isPlaying: ComputedRef<boolean>
    go: (no: number | string, clicks?: number) => Promise<void>
  }

  export function useSlideContext(): {
    $renderContext: Ref<RenderContext>
    $page: Ref<number>
    $clicks: Ref<number>
  }
}

// The phone view (components/PhoneSlide.vue) renders one slide outside Slidev's canvas, as Slidev's own pages do.
declare module '@slidev/client/internals/SlideWrapper.vue' {
  import type { SlideRoute } from '@slidev/client'
  import type { RenderContext } from '@slidev/types'
  import type { DefineComponent } from 'vue'

  const SlideWrapper: DefineComponent<{ clicksContext: unknown, renderContext?: RenderContext, route: SlideRoute }>
  export default SlideWrapper
}

declare module '@slidev/client/composables/useClicks.ts' {
  import type { SlideRoute } from '@slidev/client'
  import type { MaybeRefOrGetter } from 'vue'

  /** A clicks context that shows `current` clicks of `route` (Slidev's overview and next-slide preview use it). */
  export function createFixedClicks(route: SlideRoute, current: MaybeRefOrGetter<number>): unknown
}
