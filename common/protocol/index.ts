// The one protocol between the demo server and the deck's Vue components, one file per job.
// Imported by browser code too: it must depend on nothing but zod.
export * from './actions'
export * from './events'
export * from './limits'
export * from './patch'
export * from './problems'
export * from './questions'
export * from './state'
export * from './statuses'
export * from './timeline'
