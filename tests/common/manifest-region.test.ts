import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { manifestRegion } from '../../common/manifest-region'
import { desiredPodinfo, setPodinfoEnv } from '../../common/manifests'

const deployment = readFileSync(new URL('../../manifests/apps/podinfo/deployment.yaml', import.meta.url), 'utf8')

describe('manifest regions (what `<<< file#name` shows)', () => {
  it('cuts the ui region of podinfo\'s deployment, dedented like Slidev does', () => {
    const region = manifestRegion(deployment, 'ui')
    expect(region?.split('\n')[0]).toBe('env:')
    expect(region).toContain('  - name: PODINFO_UI_COLOR')
    expect(region).not.toContain('#region')
    expect(region).not.toContain('readinessProbe')
  })

  it('returns undefined for a region that is not there or not closed', () => {
    expect(manifestRegion(deployment, 'nope')).toBeUndefined()
    expect(manifestRegion('# #region a\nx: 1\n', 'a')).toBeUndefined()
  })

  it('follows an edit: the desired UI at a new HEAD', () => {
    const edited = setPodinfoEnv(deployment, { PODINFO_UI_COLOR: '#e67e22' })
    expect(desiredPodinfo(edited)).toMatchObject({ color: '#e67e22' })
    expect(desiredPodinfo(edited)?.uiYaml).toContain('value: "#e67e22"')
    expect(desiredPodinfo(deployment)?.uiYaml).toContain('value: "#34577c"')
  })
})
