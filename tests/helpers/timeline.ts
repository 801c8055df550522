import type { TimelineEntry } from '../../common/protocol'
import { timelineText } from '../../common/words/timeline'

/** A timeline entry as the English deck words it: what the tests compare. */
export const line = (entry: TimelineEntry) => timelineText(entry, 'en')

/** Words only the deck's English phrasing uses: a Dutch slide must not show them. */
export const ENGLISH_ONLY = /\b(?:started|succeeded|failed|waits|attempt|pushed to|rejected|created|stopped|unreachable|reachable again|first|new revision|colleague)\b/i
