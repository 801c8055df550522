import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseApplications, parsePodinfoDeployment, PODINFO_DEPLOYMENT_PATH, setPodinfoEnv } from '../../common/manifests'
import { prepareSource } from '../server/helpers'

describe('manifests', () => {
  it('reads the Applications and podinfo\'s Deployment from the real files', async () => {
    const source = await prepareSource()
    try {
      const podinfoApp = parseApplications(await readFile(join(source.root, 'apps/apps/podinfo.yaml'), 'utf8'), 'apps/apps/podinfo.yaml')
      expect(podinfoApp).toEqual([
        expect.objectContaining({
          name: 'podinfo',
          namespace: 'argocd',
          project: 'default',
          sourcePath: 'manifests/apps/podinfo',
          automated: { prune: true, selfHeal: true },
        }),
      ])
      const deployment = parsePodinfoDeployment(await readFile(join(source.root, PODINFO_DEPLOYMENT_PATH), 'utf8'))
      expect(deployment).toMatchObject({
        replicas: 2,
        template: {
          color: '#34577c',
          image: expect.stringContaining('podinfo:6.'),
        },
      })
    }
    finally {
      await source.dispose()
    }
  })

  it('reads `automated: {}` as auto-sync without selfHeal, and no automated as manual', () => {
    const app = (syncPolicy: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\nspec:\n  source:\n    path: x\n${syncPolicy}`
    expect(parseApplications(app('  syncPolicy:\n    automated: {}\n'), 'f')[0]!.automated).toEqual({ prune: false, selfHeal: false })
    expect(parseApplications(app(''), 'f')[0]!.automated).toBeUndefined()
    expect(parseApplications('kind: ConfigMap\n', 'f')).toEqual([])
  })

  it('edits the colour in the real deployment.yaml in place, keeping comments and the other lines', async () => {
    const text = await readFile(join(import.meta.dirname, '../..', PODINFO_DEPLOYMENT_PATH), 'utf8')
    const edited = setPodinfoEnv(text, { PODINFO_UI_COLOR: '#ff8800' })
    expect(edited).toContain('value: "#ff8800"')
    expect(edited).toContain('# #region ui')
    const changed = edited.split('\n').filter((line, index) => line !== text.split('\n')[index])
    expect(changed).toHaveLength(1)
    expect(parsePodinfoDeployment(edited)?.template.color).toBe('#ff8800')
  })
})
