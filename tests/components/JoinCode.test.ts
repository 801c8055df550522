// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import JoinCode from '../../components/JoinCode.vue'
import T from '../../components/T.vue'
import { providePhoneView } from '../../composables/usePhoneView'
import { slidevFake } from '../helpers/slidev-client'

const global = {
  components: { T },
}

describe('the join code', () => {
  afterEach(() => {
    slidevFake.printMode.value = false
  })

  it('without --remote (no LAN address to join on) shows the repository\'s URL, no code', () => {
    const wrapper = mount(JoinCode, { global })
    expect(wrapper.find('[data-testid="join-code"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="repo-url"]').text()).toBe('github.com/ops-demo/gitops-in-practice')
    expect(wrapper.text()).toContain('Alles uit deze talk:')
  })

  it('on paper, the repository\'s URL too', () => {
    slidevFake.printMode.value = true
    expect(mount(JoinCode, { global }).get('[data-testid="repo-url"]').text()).toContain('github.com/ops-demo/gitops-in-practice')
  })

  it('steps aside on a phone, which has joined', () => {
    const Phone = defineComponent({
      setup() {
        providePhoneView()
        return () => h(JoinCode)
      },
    })
    expect(mount(Phone, { global }).find('[data-testid="join"]').exists()).toBe(false)
  })
})
