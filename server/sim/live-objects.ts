import type { ManifestResource } from '../../common/manifests'
import type { Clock } from './clock'
import type { SimTimings } from './timings'
import { resourceName } from '../../common/manifests'
import { IngressNginx } from './ingress-nginx'

/** A resource of podinfo's besides its Deployment: a Service, an Ingress (`address`: ingress-nginx wrote its status). */
export interface LiveObject {
  resource: ManifestResource
  address?: boolean
}

/** podinfo's resources besides its Deployment, as they live in the cluster, by kind and name. */
export class LiveObjects {
  private readonly objects = new Map<string, LiveObject>()
  private readonly ingressNginx: IngressNginx

  constructor(
    clock: Clock,
    timings: SimTimings,
    /** An Ingress got its address. */
    private readonly changed: () => void,
    random?: () => number,
  ) {
    this.ingressNginx = new IngressNginx(clock, timings, random)
  }

  /** Resources that were there before the talk: an Ingress has its address already. */
  adopt(resources: readonly ManifestResource[]): void {
    for (const resource of resources) {
      this.objects.set(resourceName(resource), {
        resource: structuredClone(resource),
        address: true,
      })
    }
  }

  has(resource: ManifestResource): boolean {
    return this.objects.has(resourceName(resource))
  }

  /** A new resource; a new Ingress waits for ingress-nginx to write its address. */
  create(resource: ManifestResource): void {
    const created: LiveObject = {
      resource: structuredClone(resource),
    }
    this.objects.set(resourceName(resource), created)
    if (resource.kind === 'Ingress') {
      this.ingressNginx.atNextTick(() => {
        created.address = true
        this.changed()
      })
    }
  }

  list(): LiveObject[] {
    return [
      ...this.objects.values(),
    ]
  }

  /** The namespace controller deleted them all. */
  clear(): void {
    this.objects.clear()
  }

  close(): void {
    this.ingressNginx.close()
  }
}
