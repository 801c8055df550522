import { describe, expect, it } from 'vitest'
import { handoutFrames, shippedRecording } from '../../composables/handoutFrames'
import { KEY_MOMENTS } from '../../server/replay/key-frames'

describe('the handout\'s frames, as the deck imports them', () => {
  it('holds every key moment of the shipped recording, each a replay state with the recorded SHAs', () => {
    expect(Object.keys(handoutFrames).sort()).toEqual([...KEY_MOMENTS].sort())
    const shas = shippedRecording.actions.map(action => (action.ack?.response as { sha?: string }).sha).filter(Boolean)
    expect(handoutFrames.rolledOut?.state.git.head).toBe(shas[0])
    expect(handoutFrames.back?.state.git.head).toBe(shas[1])
    for (const frame of Object.values(handoutFrames)) {
      expect(frame.state).toMatchObject({
        mode: 'replay',
        replay: { name: 'demo.jsonl' },
      })
    }
  })
})
