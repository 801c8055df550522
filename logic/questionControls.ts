// The presenter's keys for the Q&A (registered in setup/shortcuts.ts, acted on by components/QuestionDock.vue in the
// presenter window only): q puts the question with the most votes on the projector (pressed again, the next one),
// a marks the one on the projector answered and takes it off.
import type { Question } from '../common/protocol'
import { ref } from 'vue'

export const SHOW_QUESTION_KEY = 'q'
export const ANSWERED_KEY = 'a'
export const QUESTION_KEYS = [SHOW_QUESTION_KEY, ANSWERED_KEY]

/** A question key the presenter pressed. */
export const pressedQuestionKey = ref<{ key: string, at: number }>()

export function pressQuestionKey(key: string) {
  pressedQuestionKey.value = {
    key,
    at: performance.now(),
  }
}

/** What q shows: the top question, or the next one down from the question already on the projector. */
export function nextQuestion(ranked: readonly Question[], shownId: number | undefined): Question | undefined {
  const at = ranked.findIndex(question => question.id === shownId)
  return at === -1
    ? ranked[0]
    : ranked[at + 1] ?? ranked[0]
}
