import type { FakeKubeApiServer, KubeObject } from './server'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'

export const REVISION = '4f1c2a9d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b'
export const START_COLOR = '#34577c'
const T0 = '2026-11-20T13:58:00Z'
const T1 = '2026-11-20T13:58:04Z'

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map(async entry => entry.isDirectory()
    ? yamlFiles(join(dir, entry.name))
    : /\.ya?ml$/.test(entry.name)
      ? [
          join(dir, entry.name),
        ]
      : []))
  return nested.flat().sort()
}

interface Source { repoURL?: string, path?: string, chart?: string, targetRevision?: string, ref?: string }

/** What Argo CD resolves a source's targetRevision to: a chart version stays as it is, git becomes a commit. */
function resolved(source: Source) {
  return source.chart
    ? source.targetRevision ?? ''
    : REVISION
}

/**
 * Every Application under apps/, with the status Argo CD 3.x writes once all is Synced and Healthy after
 * an auto-sync (controller/appcontroller.go autoSync, controller/sync.go): a single-source app gets
 * `revision`/`source` fields, a multi-source app only `revisions`/`sources`.
 */
export async function applicationsFrom(root: string): Promise<KubeObject[]> {
  const apps: KubeObject[] = []
  for (const file of await yamlFiles(join(root, 'apps'))) {
    for (const document of parseAllDocuments(await readFile(file, 'utf8'))) {
      const object = document.toJS() as KubeObject | null
      if (object?.kind !== 'Application')
        continue
      const spec = object.spec as {
        source?: Source
        sources?: Source[]
        destination?: object
        syncPolicy?: { automated?: { prune?: boolean }, syncOptions?: string[], retry?: object }
      }
      const single = spec.source
      const sources = spec.sources ?? []
      const revisionFields = single
        ? {
            revision: resolved(single),
          }
        : {
            revisions: sources.map(resolved),
          }
      // Go writes an empty struct for `source` (omitempty does not omit structs) and `revision` of a
      // sync result is not omitempty: a multi-source app has `source: {repoURL: ""}` and `revision: ""` there.
      const sourceFields = single
        ? { source: single }
        : {
            source: { repoURL: '' },
            sources,
          }
      apps.push({
        ...object,
        status: {
          sync: {
            status: 'Synced',
            ...revisionFields,
            comparedTo: { ...sourceFields, destination: spec.destination },
          },
          health: { status: 'Healthy', lastTransitionTime: T1 },
          history: [
            {
              ...revisionFields,
              ...sourceFields,
              id: 0,
              deployStartedAt: T0,
              deployedAt: T1,
              initiatedBy: { automated: true },
            },
          ],
          operationState: {
            phase: 'Succeeded',
            message: 'successfully synced (all tasks run)',
            startedAt: T0,
            finishedAt: T1,
            operation: {
              sync: {
                ...revisionFields,
                ...(single
                  ? { source: single }
                  : { sources }),
                prune: spec.syncPolicy?.automated?.prune,
                syncOptions: spec.syncPolicy?.syncOptions,
              },
              initiatedBy: { automated: true },
              retry: spec.syncPolicy?.retry ?? { limit: 5 },
            },
            syncResult: {
              revision: '',
              ...revisionFields,
              ...sourceFields,
              resources: [],
            },
          },
          reconciledAt: T1,
          sourceType: single?.chart ? 'Helm' : 'Directory',
          ...(single
            ? {}
            : {
                sourceTypes: sources.map(source => source.chart ? 'Helm' : 'Directory'),
              }),
          summary: {},
          // Argo CD 3.x: no per-resource `health` in status.resources.
          resources: object.metadata.name === 'podinfo'
            ? [
                {
                  version: 'v1',
                  kind: 'Service',
                  namespace: 'podinfo',
                  name: 'podinfo',
                  status: 'Synced',
                },
                {
                  group: 'apps',
                  version: 'v1',
                  kind: 'Deployment',
                  namespace: 'podinfo',
                  name: 'podinfo',
                  status: 'Synced',
                },
                {
                  group: 'networking.k8s.io',
                  version: 'v1',
                  kind: 'Ingress',
                  namespace: 'podinfo',
                  name: 'podinfo',
                  status: 'Synced',
                },
              ]
            : [],
        },
      })
    }
  }
  return apps
}

const labels = { 'app.kubernetes.io/name': 'podinfo' }

export function podinfoTemplate(color: string) {
  return {
    metadata: {
      labels: {
        ...labels,
        'pod-template-hash': color === START_COLOR
          ? '7d9f8b6c5d'
          : '5b8c7f9d4e',
      },
    },
    spec: {
      containers: [
        {
          name: 'podinfo',
          image: 'ghcr.io/stefanprodan/podinfo:6.9.2',
          env: [
            { name: 'PODINFO_UI_COLOR', value: color },
            { name: 'PODINFO_UI_MESSAGE', value: 'Hallo vanuit GitOps / Hello from GitOps' },
          ],
        },
      ],
    },
  }
}

export function podinfoDeployment(): KubeObject {
  return {
    metadata: {
      name: 'podinfo',
      namespace: 'podinfo',
      labels,
      generation: 1,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: podinfoTemplate(START_COLOR),
    },
    status: {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    },
  }
}

export function podinfoReplicaSet(name: string, revision: number, color: string, replicas: number): KubeObject {
  return {
    metadata: {
      name,
      namespace: 'podinfo',
      labels: podinfoTemplate(color).metadata.labels,
      annotations: {
        'deployment.kubernetes.io/revision': String(revision),
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo',
          uid: 'uid-deployment',
          controller: true,
        },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: podinfoTemplate(color),
    },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
  }
}

export function podinfoPod(name: string, replicaSet: string, color: string, ready = true): KubeObject {
  return {
    metadata: {
      name,
      namespace: 'podinfo',
      labels: podinfoTemplate(color).metadata.labels,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: replicaSet,
          uid: `uid-${replicaSet}`,
          controller: true,
        },
      ],
    },
    spec: podinfoTemplate(color).spec,
    status: {
      phase: ready
        ? 'Running'
        : 'Pending',
      conditions: [
        {
          type: 'Ready',
          status: ready
            ? 'True'
            : 'False',
        },
      ],
    },
  }
}

export function kubeEvent(name: string, reason: string, message: string, involved: { kind: string, name: string }): KubeObject {
  return {
    metadata: { name, namespace: 'podinfo' },
    involvedObject: { ...involved, namespace: 'podinfo' },
    reason,
    message,
    type: 'Normal',
    count: 1,
    source: { component: 'deployment-controller' },
    firstTimestamp: T0,
    lastTimestamp: T0,
  }
}

export const START_REPLICASET = 'podinfo-7d9f8b6c5d'

/** The ops-demo right after bootstrap: every Application Synced and Healthy, podinfo with two pods. */
export async function seedOpsDemo(fake: FakeKubeApiServer, root: string): Promise<void> {
  for (const app of await applicationsFrom(root))
    fake.put('applications', app)
  fake.put('deployments', podinfoDeployment())
  fake.put('replicasets', podinfoReplicaSet(START_REPLICASET, 1, START_COLOR, 2))
  fake.put('pods', podinfoPod(`${START_REPLICASET}-abcde`, START_REPLICASET, START_COLOR))
  fake.put('pods', podinfoPod(`${START_REPLICASET}-fghij`, START_REPLICASET, START_COLOR))
  fake.put('events', kubeEvent('podinfo.1', 'ScalingReplicaSet', `Scaled up replica set ${START_REPLICASET} from 0 to 2`, { kind: 'Deployment', name: 'podinfo' }))
}
