// The board as clients follow it: the whole board on connect, then numbered patches with only what changed
// (a new question, a new count, a question gone, the shown one). Patches are idempotent, so a whole board that
// already holds the next patch's changes takes that patch unharmed.
import type { QuestionBoard, QuestionsPatch } from '../../common/protocol'
import type { BoardChange, QuestionStore } from './store'

export class QuestionPublisher {
  private number = 0
  private upsert = new Set<number>()
  private remove = new Set<number>()
  private shownChanged = false
  private readonly unsubscribe: () => void

  constructor(private readonly store: QuestionStore, onPending: () => void) {
    this.unsubscribe = store.onChange((change: BoardChange) => {
      change.upsert.forEach(id => this.upsert.add(id))
      change.remove.forEach((id) => {
        this.upsert.delete(id)
        this.remove.add(id)
      })
      this.shownChanged ||= change.shown
      onPending()
    })
  }

  get board(): QuestionBoard {
    return this.store.board()
  }

  get seq(): number {
    return this.number
  }

  /** What changed since the last patch, numbered; undefined when nothing did. */
  flush(): QuestionsPatch | undefined {
    if (this.upsert.size === 0 && this.remove.size === 0 && !this.shownChanged)
      return undefined
    const upsert = [...this.upsert].flatMap((id) => {
      const question = this.store.question(id)
      return question
        ? [question]
        : []
    })
    const patch: QuestionsPatch = {
      seq: ++this.number,
      upsert,
      remove: [...this.remove],
      ...(this.shownChanged
        ? { shown: this.store.shown ?? null }
        : {}),
    }
    this.upsert = new Set()
    this.remove = new Set()
    this.shownChanged = false
    return patch
  }

  stop(): void {
    this.unsubscribe()
  }
}
