// The protocol's bounds that the server and the deck both keep to.
export const MAX_REPLICAS = 10
export const TIMELINE_LIMIT = 100
export const GIT_LOG_LIMIT = 20
