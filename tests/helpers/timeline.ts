import type { TimelineEntry } from '../../server/protocol'
import { timelineText } from '../../composables/timelineWords'

/** A timeline entry as the English deck words it: what the tests compare. */
export const line = (entry: TimelineEntry) => timelineText(entry, 'en')
