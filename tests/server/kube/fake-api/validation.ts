// What the fake API server refuses with 422, as kube-apiserver would: the objects' OpenAPI schemas
// (kubernetes-models, @kubernetes-models/argo-cd), plus the API server's own rules that no schema
// states (pkg/apis/core/validation: a container needs an image; pkg/apis/apps/validation: replicas ≥ 0).
import type { FakeResource } from './resources'
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application'
import { Deployment } from 'kubernetes-models/apps/v1/Deployment'
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet'
import { Event } from 'kubernetes-models/v1/Event'
import { Pod } from 'kubernetes-models/v1/Pod'

export interface FieldCause {
  reason: 'FieldValueRequired' | 'FieldValueInvalid'
  field: string
  message: string
}

const MODELS: Record<string, new (data: any) => { validate: () => void }> = {
  applications: Application,
  deployments: Deployment,
  replicasets: ReplicaSet,
  pods: Pod,
  events: Event,
}

interface SchemaError { instancePath?: string, message?: string, keyword?: string, params?: { missingProperty?: string } }

/** /spec/template/spec/containers/1 → spec.template.spec.containers[1] */
function fieldPath(pointer: string, extra?: string): string {
  const parts = pointer.split('/').filter(Boolean)
  if (extra)
    parts.push(extra)
  return parts.reduce((path, part) => /^\d+$/.test(part)
    ? `${path}[${part}]`
    : path
      ? `${path}.${part}`
      : part, '')
}

function schemaCauses(resource: FakeResource, object: unknown): FieldCause[] {
  const Model = MODELS[resource.plural]
  if (!Model)
    return []
  try {
    new Model(object).validate()
    return []
  }
  catch (error) {
    const errors = ((error as { errors?: SchemaError[] }).errors ?? []).slice(0, 5)
    if (errors.length === 0) {
      return [
        {
          reason: 'FieldValueInvalid',
          field: '',
          message: String((error as Error).message),
        },
      ]
    }
    return errors.map(entry => entry.keyword === 'required'
      ? {
          reason: 'FieldValueRequired',
          field: fieldPath(entry.instancePath ?? '', entry.params?.missingProperty),
          message: 'Required value',
        }
      : {
          reason: 'FieldValueInvalid',
          field: fieldPath(entry.instancePath ?? ''),
          message: `Invalid value: ${entry.message ?? 'invalid'}`,
        })
  }
}

type Json = Record<string, any>

function podSpecCauses(spec: Json | undefined, at: string): FieldCause[] {
  const causes: FieldCause[] = []
  for (const list of ['initContainers', 'containers'] as const) {
    (spec?.[list] as Json[] | undefined ?? []).forEach((container, index) => {
      if (!container?.image)
        causes.push({ reason: 'FieldValueRequired', field: `${at}.${list}[${index}].image`, message: 'Required value' })
    })
  }
  return causes
}

function apiServerCauses(resource: FakeResource, object: Json): FieldCause[] {
  const spec = object.spec as Json | undefined
  switch (resource.plural) {
    case 'deployments':
    case 'replicasets': {
      const causes = podSpecCauses(spec?.template?.spec, 'spec.template.spec')
      if (typeof spec?.replicas === 'number' && spec.replicas < 0)
        causes.unshift({ reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${spec.replicas}: must be greater than or equal to 0` })
      return causes
    }
    case 'pods':
      return podSpecCauses(spec, 'spec')
    default:
      return []
  }
}

/** Why kube-apiserver would refuse this object (empty: it is valid). */
export function validationCauses(resource: FakeResource, object: Json): FieldCause[] {
  return [
    ...schemaCauses(resource, object),
    ...apiServerCauses(resource, object),
  ]
}
