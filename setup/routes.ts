import type { RouteRecordRaw } from 'vue-router'
import { defineRoutesSetup } from '@slidev/types'
import { isThisMachineHostname } from '../common/this-machine'
import { followPresenter } from '../composables/usePhoneView'

// /phone: the audience's own screens (components/PhoneView.vue). The deck's address on its own (what the join code
// encodes) opens it on a phone, and the first slide on the presenter's machine, as before.
const root: RouteRecordRaw = {
  path: '',
  redirect: to => ({
    path: isThisMachineHostname(location.hostname)
      ? '/1'
      : '/phone',
    query: to.query,
  }),
}

export default defineRoutesSetup(routes => [
  {
    name: 'phone',
    path: '/phone',
    component: () => import('../components/PhoneView.vue'),
    beforeEnter: () => {
      followPresenter()
      return true
    },
  },
  ...routes.map(route => route.path === ''
    ? root
    : route),
])
