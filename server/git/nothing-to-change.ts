/**
 * A git action that would change nothing: git already has podinfo at this colour. Not a failure of git, so the
 * timeline says it in the deck's language (`git.unchanged`) instead of passing on an error text.
 */
export class NothingToChange extends Error {
  constructor(readonly action: 'commit' | 'race', readonly color: string) {
    super(action === 'commit'
      ? `nothing to commit: git already has podinfo at ${color}`
      : `nothing to race: git already has podinfo at ${color}; pick another colour`)
    this.name = 'NothingToChange'
  }
}
