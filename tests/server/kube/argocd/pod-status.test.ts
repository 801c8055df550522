// kubectl's STATUS column for podinfo's pods, as the kubelet writes their status during a rollout that goes wrong: a new
// pod that cannot pull its image (ContainerCreating, ErrImagePull, ImagePullBackOff), one whose container keeps
// crashing (Error, CrashLoopBackOff), and a run-once pod that Completed. The rules are kubectl's printPod, which Argo
// CD copies as a pod's "Status Reason" (controller/cache/info.go populatePodInfo).
import type { KubeObject } from '../fake-api/server'
import { describe, expect, it } from 'vitest'
import { podinfoPod, START_COLOR, START_REPLICASET } from '../fake-api/seed'
import { startReplay } from './argo-cd'

const POD = `${START_REPLICASET}-xyz12`

describe('podinfo\'s pods as kubectl get pods shows them', () => {
  it('keeps the container\'s reason: ContainerCreating, ErrImagePull, ImagePullBackOff, Error, CrashLoopBackOff, Completed', async () => {
    const { harness } = await startReplay()
    const kubelet = (status: Record<string, unknown>) => harness.fake.update('pods', 'podinfo', POD, (object: KubeObject) => {
      object.status = {
        ...(object.status as object),
        ...status,
      }
    })
    const shown = async () => harness.state().podinfo.pods.find(pod => pod.name === POD)
    const container = (state: object, extra: object = {}) => ({
      containerStatuses: [
        {
          name: 'podinfo',
          image: 'ghcr.io/stefanprodan/podinfo:6.9.3',
          ready: false,
          restartCount: 0,
          state,
          ...extra,
        },
      ],
    })

    harness.fake.put('pods', podinfoPod(POD, START_REPLICASET, START_COLOR, false))
    kubelet({
      phase: 'Pending',
      ...container({
        waiting: { reason: 'ContainerCreating' },
      }),
    })
    await expect.poll(shown, { timeout: 10_000 }).toMatchObject({ phase: 'Pending', status: 'ContainerCreating', ready: false })
    kubelet({
      phase: 'Pending',
      ...container({
        waiting: { reason: 'ErrImagePull', message: 'rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/stefanprodan/podinfo:6.9.3": not found' },
      }),
    })
    await expect.poll(shown, { timeout: 10_000 }).toMatchObject({ phase: 'Pending', status: 'ErrImagePull' })
    kubelet({
      phase: 'Pending',
      ...container({
        waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ghcr.io/stefanprodan/podinfo:6.9.3"' },
      }),
    })
    await expect.poll(shown, { timeout: 10_000 }).toMatchObject({ phase: 'Pending', status: 'ImagePullBackOff' })

    kubelet({
      phase: 'Running',
      ...container({
        terminated: { exitCode: 1, reason: 'Error' },
      }, { restartCount: 1 }),
    })
    await expect.poll(shown, { timeout: 10_000 }).toMatchObject({ phase: 'Running', status: 'Error' })
    kubelet({
      phase: 'Running',
      ...container({
        waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=podinfo' },
      }, {
        restartCount: 2,
        lastState: {
          terminated: { exitCode: 1, reason: 'Error' },
        },
      }),
    })
    await expect.poll(shown, { timeout: 10_000 }).toMatchObject({ phase: 'Running', status: 'CrashLoopBackOff' })
    kubelet({
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: 'True' },
      ],
      ...container({
        running: { startedAt: '2026-11-20T14:01:00Z' },
      }, { ready: true, restartCount: 3 }),
    })
    await expect.poll(shown, { timeout: 10_000 }).toMatchObject({ phase: 'Running', ready: true })
    expect((await shown())?.status).toBeUndefined()

    kubelet({
      phase: 'Succeeded',
      conditions: [
        { type: 'Ready', status: 'False', reason: 'PodCompleted' },
      ],
      ...container({
        terminated: { exitCode: 0, reason: 'Completed' },
      }),
    })
    await expect.poll(shown, { timeout: 10_000 }).toMatchObject({ phase: 'Succeeded', status: 'Completed' })
  })
})
