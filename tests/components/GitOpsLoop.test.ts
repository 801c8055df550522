// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import GitOpsLoop from '../../components/GitOpsLoop.vue'

function lit(step: number) {
  return mount(GitOpsLoop, {
    props: { step },
  }).findAll('.node.on').map(node => node.attributes('data-node'))
}

describe('gitOpsLoop', () => {
  it('lights up the part of the loop each narrated step is about', () => {
    expect(lit(0)).toEqual([])
    expect(lit(1)).toEqual(['git'])
    expect(lit(2)).toEqual(['git', 'argocd', 'cluster'])
    expect(lit(3)).toEqual(['git', 'argocd', 'tekton'])
  })

  it('step 4 names what was done by hand: the bootstrap, one Secret and one PipelineRun', () => {
    const wrapper = mount(GitOpsLoop, {
      props: { step: 4 },
    })
    expect(wrapper.findAll('.manual.on text').map(line => line.text())).toEqual(['met de hand:', 'bootstrap · Secret · PipelineRun'])
    expect(mount(GitOpsLoop).find('.manual').exists()).toBe(false)
  })
})
