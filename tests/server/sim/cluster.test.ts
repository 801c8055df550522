import type { PodinfoState, TimelineEvent } from '../../../common/protocol'
import { describe, expect, it } from 'vitest'
import { parsePodinfoDeployment } from '../../../common/manifests'
import { ManualClock } from '../../../server/sim/clock'
import { SimCluster } from '../../../server/sim/cluster'
import { defaultTimings } from '../../../server/sim/timings'

const template = { image: 'ghcr.io/stefanprodan/podinfo:6.9.2', color: '#34577c', message: 'hi' }

function makeCluster() {
  const clock = new ManualClock()
  const events: TimelineEvent[] = []
  let specChanges = 0
  const cluster = new SimCluster(clock, defaultTimings, {
    changed: () => {},
    specChanged: () => specChanges++,
    event: event => events.push(event),
  })
  cluster.bootstrap({ replicas: 2, template })
  return {
    clock,
    cluster,
    events,
    specChanges: () => specChanges,
  }
}

const view = (state: PodinfoState) => state.pods.map(pod => `${pod.color}:${pod.phase}${pod.ready ? '+' : ''}`).sort().join(' ')

describe('modelled cluster', () => {
  it('starts rolled out and Healthy', () => {
    const { cluster } = makeCluster()
    expect(view(cluster.snapshot())).toBe('#34577c:Running+ #34577c:Running+')
    expect(cluster.health()).toEqual({ status: 'Healthy' })
  })

  it('rolls a template change over through a new ReplicaSet, one surge pod at a time', () => {
    const { clock, cluster, specChanges } = makeCluster()
    cluster.setTemplate({ color: '#ff0000' })
    expect(specChanges()).toBe(1)
    const frames: string[] = [
      view(cluster.snapshot()),
    ]
    for (let step = 0; step < 40; step++) {
      clock.advance(500)
      const frame = view(cluster.snapshot())
      if (frame !== frames.at(-1))
        frames.push(frame)
    }
    expect(frames[0]).toBe('#34577c:Running+ #34577c:Running+ #ff0000:Pending')
    // maxSurge 1, maxUnavailable 0: never fewer than 2 ready pods during the rollout.
    for (const frame of frames)
      expect(frame.split(' ').filter(pod => pod.endsWith('+')).length).toBeGreaterThanOrEqual(2)
    expect(frames.some(frame => frame.includes('#34577c:Terminating'))).toBe(true)
    expect(frames.at(-1)).toBe('#ff0000:Running+ #ff0000:Running+')
    expect(cluster.health().status).toBe('Healthy')
    const replicaSets = cluster.snapshot().replicaSets!
    expect(replicaSets).toHaveLength(1)
    expect(replicaSets[0]).toMatchObject({ revision: 2, color: '#ff0000', replicas: 2 })
  })

  it('reports Progressing while rolling out, as Argo CD reads a Deployment', () => {
    const { clock, cluster } = makeCluster()
    cluster.setTemplate({ color: '#ff0000' })
    expect(cluster.health()).toMatchObject({
      status: 'Progressing',
      message: expect.stringContaining('new replicas have been updated'),
    })
    clock.advance(60_000)
    expect(cluster.health().status).toBe('Healthy')
  })

  it('rolls back by reusing the old ReplicaSet as the newest revision', () => {
    const { clock, cluster } = makeCluster()
    const original = cluster.snapshot().replicaSets![0]!.name
    cluster.setTemplate({ color: '#ff0000' })
    clock.advance(60_000)
    cluster.setTemplate({ color: '#34577c' })
    clock.advance(60_000)
    const [current] = cluster.snapshot().replicaSets!
    expect(current).toMatchObject({ name: original, revision: 3 })
  })

  it('replaces a deleted pod while the old one terminates', () => {
    const { clock, cluster, events } = makeCluster()
    const victim = cluster.snapshot().pods[0]!.name
    cluster.deletePod(victim)
    expect(view(cluster.snapshot())).toBe('#34577c:Pending #34577c:Running+ #34577c:Terminating')
    expect(events).toEqual(expect.arrayContaining([
      { kind: 'k8s.podKilled', pod: victim },
    ]))
    clock.advance(60_000)
    const pods = cluster.snapshot().pods
    expect(pods).toHaveLength(2)
    expect(pods.map(pod => pod.name)).not.toContain(victim)
    expect(() => cluster.deletePod('podinfo-none')).toThrow(/no pod/)
  })

  it('scales without a new ReplicaSet', () => {
    const { clock, cluster, events } = makeCluster()
    cluster.scale(4)
    clock.advance(60_000)
    expect(cluster.snapshot()).toMatchObject({ desiredReplicas: 4, readyReplicas: 4 })
    expect(cluster.snapshot().replicaSets).toHaveLength(1)
    cluster.scale(0)
    clock.advance(60_000)
    expect(cluster.snapshot().pods).toHaveLength(0)
    expect(cluster.health().status).toBe('Healthy')
    expect(events.filter(event => event.kind === 'k8s.scaled')).toHaveLength(2)
  })

  it('keeps old ReplicaSets only up to the revision history limit, as the deployment controller does', () => {
    for (const [limit, kept] of [
      [undefined, 10],
      [2, 2],
      [0, 0],
    ] as const) {
      const clock = new ManualClock()
      const cluster = new SimCluster(clock, defaultTimings, {
        changed: () => {},
        specChanged: () => {},
        event: () => {},
      })
      cluster.bootstrap({
        replicas: 2,
        template,
        ...limit === undefined
          ? {}
          : { revisionHistoryLimit: limit },
      })
      for (let change = 1; change <= 30; change++) {
        cluster.setTemplate({ color: `#0000${String(change).padStart(2, '0')}` })
        clock.advance(60_000)
      }
      const history = cluster.rolloutHistory()
      // The current one plus `kept` old ones: the newest, the oldest went first.
      expect(history, `revisionHistoryLimit ${limit}`).toEqual(Array.from({ length: kept + 1 }, (_, index) => 31 - kept + index))
      expect(cluster.snapshot().pods.every(pod => pod.color === '#000030')).toBe(true)
    }
  })

  it('reads the history limit from the Deployment, 10 when it says nothing', () => {
    const deployment = (extra: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: podinfo
spec:
  replicas: 2${extra}
  template:
    spec:
      containers:
        - name: podinfo
          image: podinfo:6
`
    expect(parsePodinfoDeployment(deployment(''))?.revisionHistoryLimit).toBeUndefined()
    expect(parsePodinfoDeployment(deployment('\n  revisionHistoryLimit: 3'))?.revisionHistoryLimit).toBe(3)
  })
})

describe('podinfo\'s namespace in the modelled cluster', () => {
  const resources = [
    {
      group: '',
      kind: 'Service',
      namespace: 'podinfo',
      name: 'podinfo',
    },
    {
      group: 'apps',
      kind: 'Deployment',
      namespace: 'podinfo',
      name: 'podinfo',
    },
    {
      group: 'networking.k8s.io',
      kind: 'Ingress',
      namespace: 'podinfo',
      name: 'podinfo',
    },
  ]

  /** A cluster whose pods take `podTerminate` to go, with `grace` seconds of grace; when the namespace is Gone. */
  function deletedNamespace(podTerminate: number, grace: number) {
    const clock = new ManualClock()
    const cluster = new SimCluster(clock, { ...defaultTimings, podTerminate }, {
      changed: () => {},
      specChanged: () => {},
      event: () => {},
    }, () => 0.5)
    cluster.bootstrap({ replicas: 2, template, terminationGracePeriodSeconds: grace }, resources)
    const t0 = clock.now()
    cluster.deleteNamespace()
    while (cluster.namespacePhase() !== 'Gone' && clock.now() - t0 < 120_000)
      clock.advance(100)
    return (clock.now() - t0) / 1000
  }

  it('is finalized after its pods: the namespace controller waits 5 s, deletes the pods, 5 s later the rest', () => {
    // podinfo's pods go 3.5 s after their deletion: pass 2 at 10 s finds none, the walk ends at 12.5 s.
    expect(deletedNamespace(3500, 10)).toBe(12.5)
    expect(deletedNamespace(3500, 30)).toBe(12.5)
  })

  it('with pods slow to go: waits grace/2+1 s while within their grace, retries quickly once past it', () => {
    // Pods that take 12 s: with the default 30 s grace, pass 2 (10 s) asks for 30/2+1 = 16 s more: pass 3 at 26 s.
    expect(deletedNamespace(12_000, 30)).toBe(28.5)
    // With 10 s of grace (manifests/apps/podinfo), pass 2 is past it: the pass fails and is retried each second.
    expect(deletedNamespace(12_000, 10)).toBe(19.5)
  })

  it('refuses creates while terminating (403) and when gone (404), and a namespace create while it terminates (409)', () => {
    const clock = new ManualClock()
    const cluster = new SimCluster(clock, defaultTimings, {
      changed: () => {},
      specChanged: () => {},
      event: () => {},
    }, () => 0.5)
    cluster.bootstrap({ replicas: 2, template }, resources)
    cluster.deleteNamespace()
    expect(() => cluster.deleteNamespace()).toThrow('namespace podinfo is already being deleted')
    expect(() => cluster.createNamespace()).toThrow('object is being deleted: namespaces "podinfo" already exists')
    clock.advance(10_000)
    expect(cluster.liveResources()).toEqual([])
    expect(cluster.appHealth()).toEqual({ status: 'Missing' })
    const spec = { replicas: 2, template }
    expect(cluster.applyResources(spec, resources)).toEqual([
      'services "podinfo" is forbidden: unable to create new content in namespace podinfo because it is being terminated',
      'deployments.apps "podinfo" is forbidden: unable to create new content in namespace podinfo because it is being terminated',
      'ingresses.networking.k8s.io "podinfo" is forbidden: unable to create new content in namespace podinfo because it is being terminated',
    ])
    clock.advance(2500)
    expect(cluster.namespacePhase()).toBe('Gone')
    expect(cluster.applyResources(spec, resources)).toEqual(Array.from({ length: 3 }).fill('namespaces "podinfo" not found'))
    cluster.createNamespace()
    expect(cluster.applyResources(spec, resources)).toEqual([])
    expect(cluster.liveResources().map(resource => resource.kind).sort()).toEqual(['Deployment', 'Ingress', 'Service'])
  })

  it('keeps a new Ingress Progressing until ingress-nginx\'s next 60-s status tick, wherever that tick falls', () => {
    // The tick falls draw × 60 s after the cluster started (and every 60 s after); the Ingress is made 13 s in, and
    // the pods are ready 3 s after that: Healthy at the later of the two.
    for (const [draw, seconds] of [
      [0, 47],
      [0.25, 3],
      [0.5, 17],
      [0.99, 46.4],
    ] as const) {
      const clock = new ManualClock()
      const cluster = new SimCluster(clock, defaultTimings, {
        changed: () => {},
        specChanged: () => {},
        event: () => {},
      }, () => draw)
      cluster.bootstrap({ replicas: 2, template }, resources)
      expect(cluster.appHealth().status).toBe('Healthy')
      cluster.deleteNamespace()
      clock.advance(13_000)
      cluster.createNamespace()
      cluster.applyResources({ replicas: 2, template }, resources)
      const createdAt = clock.now()
      let healthyAt: number | undefined
      for (let waited = 0; waited <= 70_000 && healthyAt === undefined; waited += 100) {
        clock.advance(100)
        if (cluster.appHealth().status === 'Healthy')
          healthyAt = clock.now()
      }
      expect(Math.round((healthyAt! - createdAt) / 100) / 10, `draw ${draw}`).toBe(seconds)
    }
  })
})
