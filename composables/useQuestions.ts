// The Q&A as a window sees it: the open questions (most votes first), the one on the projector, and asking, voting
// and (the presenter's windows) choosing. Through useDemo's connection: one per window.
import type { Moderation, Question, QuestionResponse } from '../common/protocol'
import { computed } from 'vue'
import { byVotes } from '../common/questions'
import { holdDemoConnection, questions } from './useDemo'

export function useQuestions() {
  holdDemoConnection()
  const board = questions.board
  const ranked = computed<Question[]>(() => byVotes(board.value?.questions ?? []))
  const shown = computed<Question | undefined>(() => {
    const id = board.value?.shown
    return id === undefined
      ? undefined
      : board.value?.questions.find(question => question.id === id)
  })
  return {
    /** Undefined until the server sent the board (and always without a demo server). */
    available: computed(() => board.value !== undefined),
    ranked,
    shown,
    canModerate: questions.presenter,
    ask: (text: string): Promise<QuestionResponse> => questions.send('ask', { text }),
    vote: (id: number): Promise<QuestionResponse> => questions.send('vote', { id }),
    moderate: (request: Moderation): Promise<QuestionResponse> => questions.send('moderate', request),
  }
}
