import type { Question } from '../../common/protocol'
import { describe, expect, it } from 'vitest'
import { byVotes } from '../../common/questions'
import { nextQuestion } from '../../logic/questionControls'

function question(id: number, votes: number): Question {
  return {
    id,
    votes,
    text: `question ${id}`,
    at: '2026-12-05T10:00:00.000Z',
  }
}

describe('the presenter\'s q', () => {
  const ranked = byVotes([
    question(1, 2),
    question(2, 5),
    question(3, 5),
    question(4, 0),
  ])

  it('ranks most votes first, the earlier question first among equals', () => {
    expect(ranked.map(entry => entry.id)).toEqual([2, 3, 1, 4])
  })

  it('shows the top question, then the next one down, then the top again', () => {
    expect(nextQuestion(ranked, undefined)?.id).toBe(2)
    expect(nextQuestion(ranked, 2)?.id).toBe(3)
    expect(nextQuestion(ranked, 4)?.id).toBe(2)
    expect(nextQuestion(ranked, 99)?.id).toBe(2)
    expect(nextQuestion([], undefined)).toBeUndefined()
  })
})
