import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1'
import { Rollout } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1'
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1'
import { Job } from 'kubernetes-models/batch/v1'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'

// The examples on the "what's next" and Q&A slides: small, but valid objects of their real kinds.
const models: Record<string, new (data: any) => { validate: () => void }> = {
  'argoproj.io/v1alpha1/ApplicationSet': ApplicationSet,
  'argoproj.io/v1alpha1/Rollout': Rollout,
  'external-secrets.io/v1/ExternalSecret': ExternalSecret,
  'batch/v1/Job': Job,
}

const dir = new URL('../snippets/', import.meta.url).pathname
const files = readdirSync(dir)

describe('snippets/', () => {
  for (const file of files.filter(f => f.endsWith('.yaml'))) {
    it(`${file} holds valid objects of known kinds`, () => {
      const documents = parseAllDocuments(readFileSync(dir + file, 'utf8'))
      expect(documents.length).toBeGreaterThan(0)
      for (const document of documents) {
        expect(document.errors).toEqual([])
        const object = document.toJS() as { apiVersion: string, kind: string }
        const Model = models[`${object.apiVersion}/${object.kind}`]
        expect(Model, `unknown kind ${object.apiVersion}/${object.kind}`).toBeDefined()
        expect(() => new Model!(object).validate()).not.toThrow()
      }
    })
  }

  for (const file of files.filter(f => f.endsWith('.sh'))) {
    it(`${file} is valid bash`, () => {
      expect(() => execFileSync('bash', ['-n', dir + file])).not.toThrow()
    })
  }

  it('the ApplicationSet points at this repository\'s podinfo path', () => {
    const set = parseAllDocuments(readFileSync(`${dir}applicationset.yaml`, 'utf8'))[0]!.toJS()
    const app = parseAllDocuments(readFileSync(new URL('../apps/apps/podinfo.yaml', import.meta.url), 'utf8'))[0]!.toJS()
    expect(set.spec.template.spec.source.path).toBe(app.spec.source.path)
    expect(set.spec.template.spec.source.repoURL).toBe(app.spec.source.repoURL)
  })
})
