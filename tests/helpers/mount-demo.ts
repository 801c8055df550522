import type { useDemo } from '../../composables/useDemo'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'

/**
 * Mounts a component that uses the composable, as a slide would; returns what the composable gave it. `use` is
 * useDemo, passed in: a test may import it only after it has set the page up.
 */
export function mountDemo(use: typeof useDemo) {
  let demo!: ReturnType<typeof useDemo>
  const wrapper = mount(defineComponent({
    setup() {
      demo = use()
      return () => h('div')
    },
  }))
  return { demo, wrapper }
}
