// Strategic-merge metadata of the objects the fake serves: which lists merge, and by which key.
// Taken from the `patchStrategy` / `patchMergeKey` struct tags in k8s.io/api (core/v1/types.go,
// apps/v1/types.go) and k8s.io/apimachinery (meta/v1 ObjectMeta). A list not named here is atomic:
// a patch replaces it whole, as the real API server does (e.g. `args`, `command`, `tolerations`).

export interface ListStrategy {
  /** The merge key; undefined for a merged list of primitives (e.g. finalizers). */
  key?: string
  /** The items' own fields, when they hold merged lists themselves. */
  item?: FieldStrategies
}

export interface FieldStrategies {
  [field: string]: ListStrategy | { fields: FieldStrategies }
}

const container: FieldStrategies = {
  ports: { key: 'containerPort' },
  env: { key: 'name' },
  volumeMounts: { key: 'mountPath' },
  volumeDevices: { key: 'devicePath' },
}

const podSpec: FieldStrategies = {
  containers: { key: 'name', item: container },
  initContainers: { key: 'name', item: container },
  ephemeralContainers: { key: 'name', item: container },
  volumes: { key: 'name' },
  imagePullSecrets: { key: 'name' },
  hostAliases: { key: 'ip' },
  topologySpreadConstraints: { key: 'topologyKey' },
  schedulingGates: { key: 'name' },
  resourceClaims: { key: 'name' },
}

const objectMeta: FieldStrategies = {
  finalizers: {},
  ownerReferences: { key: 'uid' },
}

const conditionsByType: FieldStrategies = {
  conditions: { key: 'type' },
}

const podTemplate = {
  fields: {
    metadata: { fields: objectMeta },
    spec: { fields: podSpec },
  },
}

/** Per resource (plural): the object's merged lists, as nested field maps. */
export const STRATEGIES: Record<string, FieldStrategies> = {
  deployments: {
    metadata: { fields: objectMeta },
    spec: {
      fields: { template: podTemplate },
    },
    status: { fields: conditionsByType },
  },
  replicasets: {
    metadata: { fields: objectMeta },
    spec: {
      fields: { template: podTemplate },
    },
    status: { fields: conditionsByType },
  },
  pods: {
    metadata: { fields: objectMeta },
    spec: { fields: podSpec },
    status: {
      fields: {
        ...conditionsByType,
        podIPs: { key: 'ip' },
        hostIPs: { key: 'ip' },
      },
    },
  },
  events: {
    metadata: { fields: objectMeta },
  },
}
