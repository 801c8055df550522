import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { Buffer } from 'node:buffer'
import { once } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { jsonPatch, mergePatch, strategicMergePatch } from './patch'

export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata: {
    name: string
    namespace?: string
    uid?: string
    resourceVersion?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
    deletionTimestamp?: string
    generation?: number
    [key: string]: unknown
  }
  [key: string]: unknown
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  contentType?: string
  authorization?: string
  body?: unknown
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

interface StoredEvent {
  resourceVersion: number
  collection: string
  type: WatchEventType
  object: KubeObject
}

interface OpenWatch {
  collection: string
  selector: Record<string, string>
  response: ServerResponse
}

/** The resources the fake serves: API path prefix, plural, list kind. */
const RESOURCES: Record<string, { prefix: string, kind: string, apiVersion: string }> = {
  applications: { prefix: '/apis/argoproj.io/v1alpha1', kind: 'Application', apiVersion: 'argoproj.io/v1alpha1' },
  deployments: { prefix: '/apis/apps/v1', kind: 'Deployment', apiVersion: 'apps/v1' },
  replicasets: { prefix: '/apis/apps/v1', kind: 'ReplicaSet', apiVersion: 'apps/v1' },
  pods: { prefix: '/api/v1', kind: 'Pod', apiVersion: 'v1' },
  events: { prefix: '/api/v1', kind: 'Event', apiVersion: 'v1' },
}

const PATH = /^(\/api\/v1|\/apis\/[^/]+\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/

function parseSelector(text: string | undefined): Record<string, string> {
  return Object.fromEntries((text ?? '').split(',').filter(Boolean).map(term => term.split('=', 2).map(part => part.trim()) as [string, string]))
}

function matches(object: KubeObject, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => object.metadata.labels?.[key] === value)
}

/**
 * A small Kubernetes API server for tests: lists with resourceVersion, chunked watch streams
 * that honour resourceVersion (410 Gone once expired), merge / JSON / strategic-merge patches,
 * pod deletion (Terminating first, like a graceful delete). It records every request and can
 * drop its watches, expire resourceVersions, go down and come back on the same port.
 */
export class FakeKubeApiServer {
  readonly requests: RecordedRequest[] = []
  private readonly objects = new Map<string, Map<string, KubeObject>>()
  private readonly history: StoredEvent[] = []
  private readonly watches = new Set<OpenWatch>()
  private readonly sockets = new Set<Socket>()
  private resourceVersion = 1000
  /** Watches from a resourceVersion below this get 410 Gone (etcd compaction). */
  private oldestResourceVersion = 0
  private server: Server | undefined
  private uid = 0
  port = 0

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response))
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    server.listen(this.port, '127.0.0.1')
    await once(server, 'listening')
    const address = server.address()
    this.port = typeof address === 'object' && address
      ? address.port
      : this.port
    this.server = server
  }

  /** API down: closes the port and every open connection. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server)
      return
    for (const watch of this.watches)
      watch.response.destroy()
    this.watches.clear()
    for (const socket of this.sockets)
      socket.destroy()
    await new Promise<void>(resolve => server.close(() => resolve()))
  }

  /** Ends every watch stream cleanly, as an API server restart or a load balancer timeout does. */
  dropWatches(): void {
    for (const watch of this.watches)
      watch.response.end()
    this.watches.clear()
  }

  /** Compaction: every resourceVersion seen so far is too old to watch from; open watches get 410. */
  expireResourceVersions(): void {
    this.oldestResourceVersion = ++this.resourceVersion
    for (const watch of this.watches)
      this.sendGone(watch.response)
    this.watches.clear()
  }

  /** Writes a kubeconfig that points @kubernetes/client-node at this server. */
  async writeKubeconfig(file: string, token = 'fake-token-not-a-secret'): Promise<void> {
    await writeFile(file, [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '  - name: fake',
      `    cluster: { server: "${this.url}", insecure-skip-tls-verify: true }`,
      'users:',
      '  - name: tester',
      `    user: { token: "${token}" }`,
      'contexts:',
      '  - name: fake-ops-demo',
      '    context: { cluster: fake, user: tester }',
      'current-context: fake-ops-demo',
      '',
    ].join('\n'))
  }

  /** Creates or replaces an object, as a controller would; watchers see ADDED or MODIFIED. */
  put(plural: string, object: KubeObject): KubeObject {
    const namespace = object.metadata.namespace ?? 'default'
    const collection = this.collection(plural, namespace)
    const existing = collection.get(object.metadata.name)
    const resource = RESOURCES[plural]
    const stored: KubeObject = {
      apiVersion: resource?.apiVersion,
      kind: resource?.kind,
      ...structuredClone(object),
      metadata: {
        ...structuredClone(object.metadata),
        namespace,
        uid: existing?.metadata.uid ?? object.metadata.uid ?? `uid-${++this.uid}`,
        creationTimestamp: existing?.metadata.creationTimestamp ?? object.metadata.creationTimestamp ?? new Date().toISOString(),
        resourceVersion: String(++this.resourceVersion),
      },
    }
    collection.set(stored.metadata.name, stored)
    this.publish(plural, namespace, existing
      ? 'MODIFIED'
      : 'ADDED', stored)
    return stored
  }

  /** Changes an object in place (for status updates a controller would write). */
  update(plural: string, namespace: string, name: string, change: (object: KubeObject) => void): KubeObject {
    const object = this.get(plural, namespace, name)
    if (!object)
      throw new Error(`no ${plural} ${namespace}/${name}`)
    const copy = structuredClone(object)
    change(copy)
    return this.put(plural, copy)
  }

  remove(plural: string, namespace: string, name: string): void {
    const collection = this.collection(plural, namespace)
    const object = collection.get(name)
    if (!object)
      return
    collection.delete(name)
    this.publish(plural, namespace, 'DELETED', {
      ...object,
      metadata: {
        ...object.metadata,
        resourceVersion: String(++this.resourceVersion),
      },
    })
  }

  get(plural: string, namespace: string, name: string): KubeObject | undefined {
    return structuredClone(this.objects.get(`${plural}/${namespace}`)?.get(name))
  }

  list(plural: string, namespace: string): KubeObject[] {
    return [
      ...this.collection(plural, namespace).values(),
    ].map(object => structuredClone(object))
  }

  /** Requests that changed something (PATCH, DELETE, ...), in order. */
  writes(): RecordedRequest[] {
    return this.requests.filter(request => request.method !== 'GET')
  }

  private collection(plural: string, namespace: string): Map<string, KubeObject> {
    const key = `${plural}/${namespace}`
    let collection = this.objects.get(key)
    if (!collection) {
      collection = new Map()
      this.objects.set(key, collection)
    }
    return collection
  }

  private publish(plural: string, namespace: string, type: WatchEventType, object: KubeObject): void {
    const collection = `${plural}/${namespace}`
    const event: StoredEvent = {
      resourceVersion: this.resourceVersion,
      collection,
      type,
      object: structuredClone(object),
    }
    this.history.push(event)
    for (const watch of this.watches) {
      if (watch.collection === collection && matches(object, watch.selector))
        watch.response.write(`${JSON.stringify({ type, object })}\n`)
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    const chunks: Buffer[] = []
    for await (const chunk of request)
      chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: request.headers['content-type']?.split(';')[0],
      authorization: request.headers.authorization,
      body: text
        ? JSON.parse(text) as unknown
        : undefined,
    }
    this.requests.push(recorded)
    if (url.pathname === '/version' || url.pathname === '/version/') {
      return this.send(response, 200, {
        major: '1',
        minor: '33',
        gitVersion: 'v1.33.4+k3s1',
        platform: 'linux/amd64',
      })
    }
    const match = PATH.exec(url.pathname)
    const prefix = match?.[1]
    const namespace = match?.[2] ?? ''
    const plural = match?.[3] ?? ''
    const name = match?.[4]
    const resource = RESOURCES[plural]
    if (!match || !resource || resource.prefix !== prefix)
      return this.status(response, 404, 'NotFound', `the server could not find the requested resource (${url.pathname})`)
    const selector = parseSelector(url.searchParams.get('labelSelector') ?? undefined)
    if (!name && recorded.method === 'GET') {
      if (url.searchParams.get('watch') === 'true')
        return this.watch(response, plural, namespace, selector, url.searchParams.get('resourceVersion') ?? '')
      return this.send(response, 200, {
        apiVersion: resource.apiVersion,
        kind: `${resource.kind}List`,
        metadata: {
          resourceVersion: String(this.resourceVersion),
        },
        items: this.list(plural, namespace).filter(object => matches(object, selector)),
      })
    }
    const existing = name
      ? this.get(plural, namespace, name)
      : undefined
    if (!name || !existing)
      return this.status(response, 404, 'NotFound', `${plural} "${name ?? ''}" not found`)
    switch (recorded.method) {
      case 'GET':
        return this.send(response, 200, existing)
      case 'DELETE':
        return this.send(response, 200, this.deleteGracefully(plural, existing))
      case 'PATCH':
        return this.patch(response, plural, existing, recorded)
      default:
        return this.status(response, 405, 'MethodNotAllowed', `${recorded.method} is not supported here`)
    }
  }

  private patch(response: ServerResponse, plural: string, existing: KubeObject, request: RecordedRequest): void {
    let patched: unknown
    try {
      switch (request.contentType) {
        case 'application/merge-patch+json':
          patched = mergePatch(existing, request.body)
          break
        case 'application/strategic-merge-patch+json':
          if (plural === 'applications')
            return this.status(response, 415, 'UnsupportedMediaType', 'strategic merge patch is not supported for custom resources')
          patched = strategicMergePatch(existing, request.body)
          break
        case 'application/json-patch+json':
          patched = jsonPatch(existing, request.body as Parameters<typeof jsonPatch>[1])
          break
        default:
          return this.status(response, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`)
      }
    }
    catch (error) {
      return this.status(response, 422, 'Invalid', error instanceof Error
        ? error.message
        : String(error))
    }
    const object = patched as KubeObject
    if (JSON.stringify(object.spec) !== JSON.stringify(existing.spec))
      object.metadata.generation = (existing.metadata.generation ?? 1) + 1
    this.send(response, 200, this.put(plural, object))
  }

  /** Pods get a deletionTimestamp first (Terminating); tests finish the deletion with remove(). */
  private deleteGracefully(plural: string, existing: KubeObject): KubeObject {
    if (plural !== 'pods') {
      this.remove(plural, existing.metadata.namespace ?? 'default', existing.metadata.name)
      return existing
    }
    return this.put(plural, {
      ...existing,
      metadata: {
        ...existing.metadata,
        deletionTimestamp: new Date().toISOString(),
      },
    })
  }

  private watch(response: ServerResponse, plural: string, namespace: string, selector: Record<string, string>, from: string): void {
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })
    response.flushHeaders()
    const collection = `${plural}/${namespace}`
    const since = Number(from)
    if (from && from !== '0' && since < this.oldestResourceVersion) {
      this.sendGone(response)
      return
    }
    const initial: StoredEvent[] = !from || from === '0'
      ? this.list(plural, namespace).map(object => ({
          resourceVersion: 0,
          collection,
          type: 'ADDED' as const,
          object,
        }))
      : this.history.filter(event => event.collection === collection && event.resourceVersion > since)
    for (const event of initial) {
      if (matches(event.object, selector))
        response.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`)
    }
    const watch: OpenWatch = { collection, selector, response }
    this.watches.add(watch)
    response.on('close', () => this.watches.delete(watch))
  }

  /** What a real API server sends when a watch's resourceVersion is compacted away. */
  private sendGone(response: ServerResponse): void {
    response.end(`${JSON.stringify({
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'too old resource version',
        reason: 'Expired',
        code: 410,
      },
    })}\n`)
  }

  private send(response: ServerResponse, code: number, body: unknown): void {
    response.writeHead(code, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }

  private status(response: ServerResponse, code: number, reason: string, message: string): void {
    this.send(response, code, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    })
  }
}
