import type { KubeObject } from './helpers'
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1'
import { Deployment } from 'kubernetes-models/apps/v1'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2'
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1'
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1'
import { ipAddressPoolSchema, l2AdvertisementSchema } from './metallb-schema'
import { tektonStructureProblems } from './tekton-checks'

type Validate = (object: KubeObject) => void

function withModel(Model: new (data: any) => { validate: () => void }): Validate {
  return object => new Model(object).validate()
}

function withZod(schema: { parse: (value: unknown) => unknown }): Validate {
  return object => void schema.parse(object)
}

const validateTekton: Validate = (object) => {
  const problems = tektonStructureProblems(object)
  if (problems.length > 0)
    throw new Error(problems.join('; '))
}

/** Every kind this repository may contain, keyed by "apiVersion/kind". Anything else is an error. */
const validators: Record<string, Validate> = {
  'v1/Namespace': withModel(Namespace),
  'v1/ConfigMap': withModel(ConfigMap),
  'v1/Secret': withModel(Secret),
  'v1/Service': withModel(Service),
  'v1/ServiceAccount': withModel(ServiceAccount),
  'apps/v1/Deployment': withModel(Deployment),
  'autoscaling/v2/HorizontalPodAutoscaler': withModel(HorizontalPodAutoscaler),
  'networking.k8s.io/v1/Ingress': withModel(Ingress),
  'argoproj.io/v1alpha1/Application': withModel(Application),
  'metallb.io/v1beta1/IPAddressPool': withZod(ipAddressPoolSchema),
  'metallb.io/v1beta1/L2Advertisement': withZod(l2AdvertisementSchema),
  'tekton.dev/v1/Pipeline': validateTekton,
  'tekton.dev/v1/PipelineRun': validateTekton,
}

/** Throws with the reason when the object is not a valid object of a known kind. */
export function validateObject(object: KubeObject): void {
  const key = `${object.apiVersion}/${object.kind}`
  const validate = validators[key]
  if (validate === undefined)
    throw new Error(`unknown apiVersion/kind ${key}: add a validator for it in tests/gitops/object-validators.ts`)
  validate(object)
}
