// The colours of the talk's demo script: what the deck's controls send, what `npm run record` records and what
// the rehearsal checks, so a presenter's action always finds its recorded twin.
export const DEMO_COLORS = {
  /** `kubectl set env` on the cluster: drift. */
  drift: '#c0392b',
  /** The commit of demo 2: a deep orange that still carries white text (#e67e22 gives 2.9:1). */
  commit: '#c2410c',
  /** Our side of the Q&A race. */
  race: '#6d28d9',
  /** Our side of a second race, when git already has the first one's colour (white text 5.5:1). */
  raceAgain: '#0f766e',
} as const
