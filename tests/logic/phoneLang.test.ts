import { describe, expect, it } from 'vitest'
import { initialPhoneLang } from '../../logic/phoneLang'

describe('a phone\'s language', () => {
  it('starts in the phone\'s own language when the deck speaks it, else in the deck\'s', () => {
    expect(initialPhoneLang({
      browser: ['en-US', 'nl'],
      deck: 'nl',
    })).toBe('en')
    expect(initialPhoneLang({
      browser: ['nl-BE'],
      deck: 'en',
    })).toBe('nl')
    expect(initialPhoneLang({
      browser: ['de-DE', 'en'],
      deck: 'nl',
    })).toBe('nl')
    expect(initialPhoneLang({ browser: [], deck: 'en' })).toBe('en')
  })

  it('keeps the choice made on the phone, and a ?lang= wins over all', () => {
    expect(initialPhoneLang({
      stored: 'nl',
      browser: ['en-GB'],
      deck: 'en',
    })).toBe('nl')
    expect(initialPhoneLang({
      asked: 'en',
      stored: 'nl',
      browser: ['nl'],
      deck: 'nl',
    })).toBe('en')
    expect(initialPhoneLang({
      asked: 'fr',
      stored: 'garbage',
      browser: ['en'],
      deck: 'nl',
    })).toBe('en')
  })
})
