// Stands in for Slidev's `server-reactive:nav` virtual module (the presenter's position) in component tests.
export default {
  page: 1,
  clicks: 0,
  $syncUp: true,
  $onSet: () => {},
  $onPatch: () => {},
}
