// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import DemoStoryboard from '../../components/DemoStoryboard.vue'

describe('demoStoryboard (print)', () => {
  it('tells each demo step in four frames, ending Synced', () => {
    for (const step of ['drift', 'commit', 'revert'] as const) {
      const frames = mount(DemoStoryboard, {
        props: { step },
      }).findAll('li')
      expect(frames).toHaveLength(4)
      expect(frames[3]!.text()).toContain('✓ Synced')
      expect(frames.some(f => f.text().includes('OutOfSync'))).toBe(true)
    }
  })

  it('ends the drift board on the colour from Git', () => {
    const frames = mount(DemoStoryboard, {
      props: { step: 'drift' },
    }).findAll('.swatch')
    expect(frames[3]!.attributes('style')).toMatch(/background:\s*(#34577c|rgb\(52, 87, 124\))/)
  })
})
