// The phone view (/phone) renders each slide at phone size; components below it can tell, and adapt: the demo shows
// its compact state, the join code steps aside (the phone has joined). It follows the presenter's position as the
// deck's server holds it, and never sends one.
import type { InjectionKey } from 'vue'
import navState from 'server-reactive:nav'
import { getCurrentInstance, inject, provide, reactive } from 'vue'

const phoneViewKey: InjectionKey<boolean> = Symbol('the phone view')

export function providePhoneView(): void {
  provide(phoneViewKey, true)
}

export function usePhoneView(): boolean {
  return getCurrentInstance()
    ? inject(phoneViewKey, false)
    : false
}

/** Where the presenter is: the server's value, as it arrives. */
export const presenterPosition = reactive({ page: 1, clicks: 0 })
let following = false

/**
 * For the /phone route, before Slidev's own navigation hooks run: this window never writes the slide position (a
 * phone on the LAN would be refused anyway, but /phone opened on the presenter's machine would move the room), and it
 * takes the position from what the server sends rather than from Slidev's copy, which its own route would move.
 */
export function followPresenter(): void {
  if (following)
    return
  following = true
  navState.$syncUp = false
  const copy = () => {
    presenterPosition.page = Number(navState.page) || 1
    presenterPosition.clicks = Number(navState.clicks) || 0
  }
  copy()
  // The callbacks run before the server's value is applied.
  navState.$onSet(() => queueMicrotask(copy))
  navState.$onPatch(() => queueMicrotask(copy))
}
