import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { FakeResource } from './resources'
import type { TlsMaterial } from './tls'
import type { FieldCause } from './validation'
import { Buffer } from 'node:buffer'
import { once } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { isDeepStrictEqual } from 'node:util'
import { errorMessage } from '../../../../common/text'
import { discoveryDocument, isUnavailable } from './discovery'
import { admitCreate, NamespaceController, newNamespace } from './namespaces'
import { jsonPatch, mergePatch, strategicMergePatch } from './patch'
import { STRATEGIES } from './patch-strategies'
import { apiVersionOf, findResource, qualifiedName, RESOURCES } from './resources'
import { validationCauses } from './validation'

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
  accept?: string
  authorization?: string
  /** The common name of the client certificate (TLS mode). */
  clientCertificate?: string
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
  resource: FakeResource
  matches: (object: KubeObject) => boolean
  response: ServerResponse
  /** Writes stay in order even when one is split across chunks. */
  writing: Promise<void>
  timers: NodeJS.Timeout[]
}

export type FailureMode = 'none' | 'hang' | 'slow'

const PATH = /^(\/api\/v1|\/apis\/[^/]+\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/
const NAMESPACES_PATH = /^\/api\/v1\/namespaces(?:\/([^/]+))?$/
const SMP = 'application/strategic-merge-patch+json'
const HEALTH_PATHS = new Set(['/readyz', '/livez', '/healthz'])

type Selector = (object: KubeObject) => boolean

/** Label selectors as the API server reads them: `k=v`, `k==v`, `k!=v`, `k`, `!k`, comma-separated. */
export function parseLabelSelector(text: string | null): Selector {
  const terms = (text ?? '').split(',').map(term => term.trim()).filter(Boolean).map((term) => {
    const at = term.search(/!=|=/)
    const key = at === -1
      ? term
      : term.slice(0, at)
    const op = at === -1
      ? undefined
      : term.startsWith('!=', at)
        ? '!='
        : term.startsWith('==', at)
          ? '=='
          : '='
    const value = at === -1
      ? ''
      : term.slice(at + (op?.length ?? 0))
    return {
      key: key.replace(/^!/, '').trim(),
      not: key.startsWith('!'),
      op,
      value: value.trim(),
    }
  })
  return object => terms.every(({ key, not, op, value }) => {
    const actual = object.metadata.labels?.[key]
    if (!op) {
      return not
        ? actual === undefined
        : actual !== undefined
    }
    return op === '!='
      ? actual !== value
      : actual === value
  })
}

/** Field selectors on metadata.name / metadata.namespace (what every resource supports); others are refused. */
export function parseFieldSelector(text: string | null): Selector | { error: string } {
  const terms: { field: string, not: boolean, value: string }[] = []
  for (const term of (text ?? '').split(',').map(part => part.trim()).filter(Boolean)) {
    const [, field = '', op, value = ''] = /^([^!=]+)(!=|==|=)(.*)$/.exec(term) ?? []
    if (!op)
      return { error: `invalid selector: '${term}'; can't understand '${term}'` }
    if (field !== 'metadata.name' && field !== 'metadata.namespace')
      return { error: `field label not supported: ${field}` }
    terms.push({ field, not: op === '!=', value })
  }
  return object => terms.every(({ field, not, value }) => {
    const actual = field === 'metadata.name'
      ? object.metadata.name
      : object.metadata.namespace
    return not
      ? actual !== value
      : actual === value
  })
}

function pendingFinalizers(object: KubeObject): boolean {
  return Array.isArray(object.metadata.finalizers) && object.metadata.finalizers.length > 0
}

/**
 * A small Kubernetes API server for tests, strict where the demo and kubectl depend on it:
 * discovery (and an aggregated API that is down: `unavailableApiServices`); lists and watches with
 * resourceVersion, label and field selectors, BOOKMARKs,
 * timeoutSeconds and 410 Gone after compaction; merge / JSON / strategic-merge patches (merge keys
 * per field, `$setElementOrder` and the other directives); 409 on a stale resourceVersion; 422 for
 * invalid objects; no-op writes that change nothing and announce nothing; Status bodies as
 * kube-apiserver words them; 400/415 for bodies it cannot read. Failure modes: hang (accept, never
 * answer, like a frozen process), slow answers, watch events split across chunks, TLS with client
 * certificates. It records every request and can drop its watches, expire resourceVersions,
 * go down and come back on the same port.
 */
export class FakeKubeApiServer {
  readonly requests: RecordedRequest[] = []
  /** Delay of every answer in 'slow' mode. */
  slowMs = 1000
  /** Watch events are written in two chunks, the second a few milliseconds later. */
  splitWatchEvents = false
  /** How often a watch with allowWatchBookmarks=true gets a BOOKMARK. */
  bookmarkIntervalMs = 1000
  /** The clock deletionTimestamps are read from (tests that replay a sequence pin it). */
  now: () => number = Date.now
  /** The kubelet: a pod given a deletionTimestamp is removed this long after (undefined: tests remove it). */
  kubeletMs: number | undefined
  /** Deletes a terminating namespace's content, pods first, and finalizes it (`timings` set how fast). */
  readonly namespaceController = new NamespaceController(this)
  /** Group/versions ('metrics.k8s.io/v1beta1') whose aggregated API server is down: 503 for all under them. */
  readonly unavailableApiServices = new Set<string>()
  private readonly kubeletTimers = new Set<NodeJS.Timeout>()
  private failureMode: FailureMode = 'none'
  private failing: { count: number, path?: RegExp, code: number } | undefined
  /** Work held while hung: run on resume(), like a process continued after SIGSTOP. */
  private held: (() => void)[] = []
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

  constructor(private readonly tls?: TlsMaterial) {}

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`
  }

  get mode(): FailureMode {
    return this.failureMode
  }

  /** Open watch streams (tests check that a closed backend leaves none). */
  get openWatches(): number {
    return this.watches.size
  }

  get openConnections(): number {
    return this.sockets.size
  }

  async start(): Promise<void> {
    const handler = (request: IncomingMessage, response: ServerResponse) => this.receive(request, response)
    const server = this.tls
      ? createTlsServer({
          key: this.tls.serverKey,
          cert: this.tls.serverCert,
          ca: this.tls.ca,
          requestCert: true,
          rejectUnauthorized: true,
        }, handler)
      : createServer(handler)
    server.on(this.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
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
    this.held = []
    this.failureMode = 'none'
    this.namespaceController.stop()
    for (const timer of this.kubeletTimers)
      clearTimeout(timer)
    this.kubeletTimers.clear()
    if (!server)
      return
    for (const watch of this.watches)
      this.closeWatch(watch, 'destroy')
    for (const socket of this.sockets)
      socket.destroy()
    await new Promise<void>(resolve => server.close(() => resolve()))
  }

  /** The next `count` requests whose path matches get an error Status (a flaky API server or proxy). */
  failRequests(count: number, options: { path?: RegExp, code?: number } = {}): void {
    this.failing = { count, path: options.path, code: options.code ?? 503 }
  }

  /** A frozen API server: connections are accepted, nothing is answered, watches fall silent. */
  hang(): void {
    this.failureMode = 'hang'
  }

  /** Every answer (not watch events) waits `slowMs`. */
  slow(ms = this.slowMs): void {
    this.slowMs = ms
    this.failureMode = 'slow'
  }

  /** Back to normal; what was held while hung is answered now. */
  resume(): void {
    this.failureMode = 'none'
    const held = this.held
    this.held = []
    for (const work of held)
      work()
  }

  /** Ends every watch stream cleanly, as an API server restart or a load balancer timeout does. */
  dropWatches(): void {
    for (const watch of this.watches)
      this.closeWatch(watch, 'end')
  }

  /** Compaction: every resourceVersion seen so far is too old to watch from; open watches get 410. */
  expireResourceVersions(): void {
    this.oldestResourceVersion = ++this.resourceVersion
    for (const watch of this.watches) {
      void this.writeLine(watch, this.goneEvent(this.oldestResourceVersion - 1)).then(() => this.closeWatch(watch, 'end'))
      this.watches.delete(watch)
    }
  }

  /** Writes a kubeconfig that points @kubernetes/client-node (and kubectl) at this server. */
  async writeKubeconfig(file: string, token = 'fake-token-not-a-secret'): Promise<void> {
    const base64 = (text: string) => Buffer.from(text).toString('base64')
    const cluster = this.tls
      ? `{ server: "${this.url}", certificate-authority-data: "${base64(this.tls.ca)}" }`
      : `{ server: "${this.url}", insecure-skip-tls-verify: true }`
    const user = this.tls
      ? `{ client-certificate-data: "${base64(this.tls.clientCert)}", client-key-data: "${base64(this.tls.clientKey)}" }`
      : `{ token: "${token}" }`
    await writeFile(file, [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '  - name: fake',
      `    cluster: ${cluster}`,
      'users:',
      '  - name: tester',
      `    user: ${user}`,
      'contexts:',
      '  - name: fake-ops-demo',
      '    context: { cluster: fake, user: tester }',
      'current-context: fake-ops-demo',
      '',
    ].join('\n'))
  }

  /**
   * Creates or replaces an object, as a controller would; watchers see ADDED or MODIFIED. The namespace of a namespaced
   * object is created (Active) when there is none, so tests can seed any namespace.
   */
  put(plural: string, object: KubeObject): KubeObject {
    const resource = RESOURCES.find(candidate => candidate.plural === plural)
    const namespace = resource?.namespaced === false
      ? ''
      : object.metadata.namespace ?? 'default'
    if (namespace && !this.get('namespaces', '', namespace))
      this.put('namespaces', newNamespace(namespace))
    const collection = this.collection(plural, namespace)
    const existing = collection.get(object.metadata.name)
    const stored: KubeObject = {
      apiVersion: resource
        ? apiVersionOf(resource)
        : undefined,
      kind: resource?.kind,
      ...structuredClone(object),
      metadata: {
        ...structuredClone(object.metadata),
        ...(namespace
          ? { namespace }
          : {}),
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

  /** DELETE of one object, as the API answers it: a pod (or an object with finalizers) stays, marked; others go. */
  deleteObject(plural: string, object: KubeObject): KubeObject {
    return this.deleteGracefully(plural, object)
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
      if (watch.collection === collection && watch.matches(object))
        void this.writeLine(watch, { type, object })
    }
  }

  /** Runs now, or when the server is resumed (hang), or after slowMs (slow). */
  private whenAwake(work: () => void): void {
    if (this.failureMode === 'hang')
      this.held.push(work)
    else if (this.failureMode === 'slow')
      setTimeout(work, this.slowMs)
    else
      work()
  }

  private writeLine(watch: OpenWatch, event: object): Promise<void> {
    const line = `${JSON.stringify(event)}\n`
    watch.writing = watch.writing.then(() => new Promise<void>((resolve) => {
      const write = () => {
        if (watch.response.writableEnded || watch.response.destroyed)
          return resolve()
        if (!this.splitWatchEvents) {
          watch.response.write(line)
          return resolve()
        }
        const middle = Math.floor(line.length / 2)
        watch.response.write(line.slice(0, middle))
        setTimeout(() => {
          if (!watch.response.writableEnded && !watch.response.destroyed)
            watch.response.write(line.slice(middle))
          resolve()
        }, 5)
      }
      if (this.failureMode === 'hang')
        this.held.push(write)
      else
        write()
    }))
    return watch.writing
  }

  private closeWatch(watch: OpenWatch, how: 'end' | 'destroy'): void {
    this.watches.delete(watch)
    for (const timer of watch.timers)
      clearTimeout(timer)
    if (how === 'destroy')
      watch.response.destroy()
    else
      void watch.writing.then(() => watch.response.end())
  }

  private receive(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      this.whenAwake(() => this.handle(request, response, Buffer.concat(chunks).toString('utf8')))
    })
  }

  private handle(request: IncomingMessage, response: ServerResponse, text: string): void {
    if (response.destroyed)
      return
    const url = new URL(request.url ?? '/', this.url)
    const peer = (request.socket as { getPeerCertificate?: () => { subject?: { CN?: string } } }).getPeerCertificate?.()
    let body: unknown
    let unreadable: string | undefined
    try {
      body = text
        ? JSON.parse(text) as unknown
        : undefined
    }
    catch (error) {
      unreadable = errorMessage(error)
    }
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: request.headers['content-type']?.split(';')[0]?.trim(),
      accept: request.headers.accept,
      authorization: request.headers.authorization,
      clientCertificate: peer?.subject?.CN,
      body: unreadable === undefined
        ? body
        : text,
    }
    this.requests.push(recorded)
    const failing = this.failing
    if (failing && failing.count > 0 && (!failing.path || failing.path.test(url.pathname))) {
      failing.count--
      return this.status(response, failing.code, 'ServiceUnavailable', 'the server is currently unable to handle the request')
    }
    if (HEALTH_PATHS.has(url.pathname)) {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      response.end('ok')
      return
    }
    if (url.pathname === '/version' || url.pathname === '/version/') {
      return this.send(response, 200, {
        major: '1',
        minor: '33',
        gitVersion: 'v1.33.4+k3s1',
        platform: 'linux/amd64',
      })
    }
    if (isUnavailable(url.pathname, this.unavailableApiServices)) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
      response.end('service unavailable\n')
      return
    }
    const discovery = discoveryDocument(url.pathname, `127.0.0.1:${this.port}`)
    if (discovery && recorded.method === 'GET')
      return this.send(response, 200, discovery)
    const namespaces = NAMESPACES_PATH.exec(url.pathname)
    if (namespaces)
      return this.namespaceRequest(response, recorded, url, namespaces[1], body, unreadable)
    const match = PATH.exec(url.pathname)
    const resource = match
      ? findResource(match[1] ?? '', match[3] ?? '')
      : undefined
    if (!match || !resource)
      return this.status(response, 404, 'NotFound', 'the server could not find the requested resource')
    const namespace = match[2] ?? ''
    const name = match[4]
    if (!name) {
      if (recorded.method === 'POST')
        return this.create(response, resource, namespace, body, unreadable)
      if (recorded.method !== 'GET')
        return this.status(response, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`)
      return this.listOrWatch(response, resource, namespace, url)
    }
    const existing = this.get(resource.plural, namespace, name)
    if (!existing)
      return this.notFound(response, resource, name)
    switch (recorded.method) {
      case 'GET':
        return this.send(response, 200, existing)
      case 'DELETE':
        return this.send(response, 200, this.deleteGracefully(resource.plural, existing))
      case 'PATCH':
        return this.patch(response, resource, existing, recorded, unreadable)
      case 'PUT':
        if (recorded.contentType !== 'application/json')
          return this.status(response, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`)
        if (unreadable !== undefined)
          return this.status(response, 400, 'BadRequest', `the body of the request could not be read as JSON: ${unreadable}`)
        return this.write(response, resource, existing, body as KubeObject)
      default:
        return this.status(response, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`)
    }
  }

  private listOrWatch(response: ServerResponse, resource: FakeResource, namespace: string, url: URL): void {
    const labels = parseLabelSelector(url.searchParams.get('labelSelector'))
    const fields = parseFieldSelector(url.searchParams.get('fieldSelector'))
    if ('error' in fields)
      return this.status(response, 400, 'BadRequest', fields.error)
    const matches = (object: KubeObject) => labels(object) && fields(object)
    if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1')
      return this.watch(response, resource, namespace, matches, url.searchParams)
    this.send(response, 200, {
      apiVersion: apiVersionOf(resource),
      kind: `${resource.kind}List`,
      metadata: {
        resourceVersion: String(this.resourceVersion),
      },
      // Built-in types' list items carry no apiVersion/kind; a custom resource's do.
      items: this.list(resource.plural, namespace).filter(matches).map(object => resource.custom
        ? object
        : { ...object, apiVersion: undefined, kind: undefined }),
    })
  }

  /**
   * /api/v1/namespaces and /api/v1/namespaces/<name>: list, watch and create; get, delete (Terminating, then the
   * namespace controller) and patch one. A create of a namespace that still terminates is 409 "object is being
   * deleted" (apiserver pkg/registry/generic/registry/store.go 527-543).
   */
  private namespaceRequest(response: ServerResponse, request: RecordedRequest, url: URL, name: string | undefined, body: unknown, unreadable: string | undefined): void {
    const resource = findResource('/api/v1', 'namespaces')!
    if (!name) {
      if (request.method === 'POST')
        return this.create(response, resource, '', body, unreadable)
      if (request.method !== 'GET')
        return this.status(response, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`)
      return this.listOrWatch(response, resource, '', url)
    }
    const existing = this.get('namespaces', '', name)
    if (!existing)
      return this.notFound(response, resource, name)
    switch (request.method) {
      case 'GET':
        return this.send(response, 200, existing)
      case 'DELETE':
        // 200 with the Namespace, not 202: delete.go 165-188 (namespaces are "not instantly deleted" and say so).
        return this.send(response, 200, this.namespaceController.delete(existing))
      case 'PATCH':
        return this.patch(response, resource, existing, request, unreadable)
      default:
        return this.status(response, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`)
    }
  }

  /** POST to a collection: NamespaceLifecycle admission, then 409 for a name taken, else 201 Created. */
  private create(response: ServerResponse, resource: FakeResource, namespace: string, body: unknown, unreadable: string | undefined): void {
    if (unreadable !== undefined)
      return this.status(response, 400, 'BadRequest', `the body of the request could not be read as JSON: ${unreadable}`)
    const object = body as KubeObject | undefined
    const name = object?.metadata?.name
    if (typeof object !== 'object' || object === null || typeof name !== 'string' || !name)
      return this.status(response, 422, 'Invalid', `${resource.kind} "" is invalid: metadata.name: Required value: name or generateName is required`)
    if (namespace) {
      const refused = admitCreate(this, namespace, resource.plural, resource.group, name)
      if (refused)
        return this.status(response, refused.code, refused.reason, refused.message, refused.details)
    }
    const existing = this.get(resource.plural, namespace, name)
    if (existing) {
      const exists = `${qualifiedName(resource)} "${name}" already exists`
      return this.status(response, 409, 'AlreadyExists', existing.metadata.deletionTimestamp
        ? `object is being deleted: ${exists}`
        : exists, this.details(resource, name))
    }
    const created = resource.plural === 'namespaces'
      ? {
          ...newNamespace(name),
          metadata: { ...object.metadata, name },
        }
      : {
          ...object,
          metadata: { ...object.metadata, namespace },
        }
    const causes = validationCauses(resource, created)
    if (causes.length > 0)
      return this.invalid(response, resource, name, causes)
    this.send(response, 201, this.put(resource.plural, created))
  }

  private patch(response: ServerResponse, resource: FakeResource, existing: KubeObject, request: RecordedRequest, unreadable: string | undefined): void {
    const known = [
      'application/merge-patch+json',
      'application/json-patch+json',
      ...(resource.custom
        ? []
        : [SMP]),
    ]
    if (!known.includes(request.contentType ?? ''))
      return this.status(response, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`)
    if (unreadable !== undefined)
      return this.status(response, 400, 'BadRequest', `error decoding patch: ${unreadable}`)
    let patched: unknown
    try {
      switch (request.contentType) {
        case 'application/merge-patch+json':
          patched = mergePatch(existing, request.body)
          break
        case SMP:
          patched = strategicMergePatch(existing, request.body, STRATEGIES[resource.plural])
          break
        case 'application/json-patch+json':
          patched = jsonPatch(existing, request.body as Parameters<typeof jsonPatch>[1])
          break
      }
    }
    catch (error) {
      return this.status(response, 422, 'Invalid', errorMessage(error))
    }
    this.write(response, resource, existing, patched as KubeObject, (request.body as { metadata?: { resourceVersion?: unknown } } | undefined)?.metadata?.resourceVersion)
  }

  /** The end of every PATCH and PUT: preconditions, validation, then a write only if something changed. */
  private write(response: ServerResponse, resource: FakeResource, existing: KubeObject, next: KubeObject, precondition: unknown = next?.metadata?.resourceVersion): void {
    const name = existing.metadata.name
    if (typeof precondition === 'string' && precondition !== existing.metadata.resourceVersion) {
      return this.status(response, 409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedName(resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, this.details(resource, name))
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      return this.status(response, 400, 'BadRequest', 'the object is not a JSON object')
    const object: KubeObject = {
      ...next,
      metadata: {
        ...next.metadata,
        // Identity and bookkeeping are the server's: a client cannot change them.
        name,
        namespace: existing.metadata.namespace,
        uid: existing.metadata.uid,
        creationTimestamp: existing.metadata.creationTimestamp,
        resourceVersion: existing.metadata.resourceVersion,
        generation: existing.metadata.generation,
        deletionTimestamp: existing.metadata.deletionTimestamp,
        deletionGracePeriodSeconds: existing.metadata.deletionGracePeriodSeconds,
      },
    }
    for (const key of ['deletionTimestamp', 'deletionGracePeriodSeconds']) {
      if (object.metadata[key] === undefined)
        delete object.metadata[key]
    }
    if (!resource.statusWritable) {
      if (existing.status === undefined)
        delete object.status
      else
        object.status = existing.status
    }
    const causes = validationCauses(resource, object)
    if (causes.length > 0)
      return this.invalid(response, resource, name, causes)
    if (isDeepStrictEqual(object, existing))
      return this.send(response, 200, existing)
    if (!isDeepStrictEqual(object.spec, existing.spec))
      object.metadata.generation = (existing.metadata.generation ?? 1) + 1
    if (object.metadata.deletionTimestamp && !pendingFinalizers(object) && resource.plural !== 'pods') {
      // The last finalizer is gone from an object being deleted: the API server removes it now.
      this.remove(resource.plural, object.metadata.namespace ?? 'default', name)
      return this.send(response, 200, object)
    }
    this.send(response, 200, this.put(resource.plural, object))
  }

  /**
   * Pods get a deletionTimestamp first (Terminating); tests finish the deletion with remove(). Any other object is
   * removed at once, unless it has finalizers: then it gets a deletionTimestamp and stays until they are gone.
   */
  private deleteGracefully(plural: string, existing: KubeObject): KubeObject {
    const finalized = pendingFinalizers(existing)
    if (plural !== 'pods' && !finalized) {
      this.remove(plural, existing.metadata.namespace ?? 'default', existing.metadata.name)
      return existing
    }
    if (existing.metadata.deletionTimestamp)
      return existing
    const marked = this.put(plural, {
      ...existing,
      metadata: {
        ...existing.metadata,
        deletionTimestamp: new Date(this.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
        ...(plural === 'pods'
          ? {}
          : { deletionGracePeriodSeconds: 0 }),
      },
    })
    if (plural === 'pods' && this.kubeletMs !== undefined) {
      const timer = setTimeout(() => {
        this.kubeletTimers.delete(timer)
        this.remove('pods', existing.metadata.namespace ?? 'default', existing.metadata.name)
      }, this.kubeletMs)
      this.kubeletTimers.add(timer)
    }
    return marked
  }

  private watch(response: ServerResponse, resource: FakeResource, namespace: string, matches: (object: KubeObject) => boolean, query: URLSearchParams): void {
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })
    response.flushHeaders()
    const collection = `${resource.plural}/${namespace}`
    const from = query.get('resourceVersion') ?? ''
    const since = Number(from)
    const watch: OpenWatch = {
      collection,
      resource,
      matches,
      response,
      writing: Promise.resolve(),
      timers: [],
    }
    if (from && from !== '0' && since < this.oldestResourceVersion) {
      void this.writeLine(watch, this.goneEvent(since)).then(() => response.end())
      return
    }
    const initial: StoredEvent[] = !from || from === '0'
      ? this.list(resource.plural, namespace).map(object => ({
          resourceVersion: 0,
          collection,
          type: 'ADDED' as const,
          object,
        }))
      : this.history.filter(event => event.collection === collection && event.resourceVersion > since)
    for (const event of initial) {
      if (matches(event.object))
        void this.writeLine(watch, { type: event.type, object: event.object })
    }
    this.watches.add(watch)
    response.on('close', () => this.closeWatch(watch, 'end'))
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? '')
    if (timeoutSeconds > 0)
      watch.timers.push(setTimeout(() => this.closeWatch(watch, 'end'), timeoutSeconds * 1000))
    if (query.get('allowWatchBookmarks') === 'true') {
      const bookmark = () => {
        void this.writeLine(watch, {
          type: 'BOOKMARK',
          object: {
            kind: resource.kind,
            apiVersion: apiVersionOf(resource),
            metadata: {
              resourceVersion: String(this.resourceVersion),
            },
          },
        })
        watch.timers.push(setTimeout(bookmark, this.bookmarkIntervalMs))
      }
      watch.timers.push(setTimeout(bookmark, this.bookmarkIntervalMs))
    }
  }

  /** What a real API server sends when a watch's resourceVersion is compacted away. */
  private goneEvent(requested: number): object {
    return {
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${requested} (${this.oldestResourceVersion})`,
        reason: 'Expired',
        code: 410,
      },
    }
  }

  private details(resource: FakeResource, name: string): object {
    return resource.group
      ? { name, group: resource.group, kind: resource.plural }
      : { name, kind: resource.plural }
  }

  private notFound(response: ServerResponse, resource: FakeResource, name: string): void {
    this.status(response, 404, 'NotFound', `${qualifiedName(resource)} "${name}" not found`, this.details(resource, name))
  }

  private invalid(response: ServerResponse, resource: FakeResource, name: string, causes: FieldCause[]): void {
    const kind = resource.group
      ? `${resource.kind}.${resource.group}`
      : resource.kind
    const listed = causes.map(cause => `${cause.field}: ${cause.message}`)
    this.status(response, 422, 'Invalid', `${kind} "${name}" is invalid: ${listed.length === 1
      ? listed[0]
      : `[${listed.join(', ')}]`}`, {
      ...this.details(resource, name),
      kind: resource.kind,
      causes,
    })
  }

  private send(response: ServerResponse, code: number, body: unknown): void {
    if (response.destroyed)
      return
    response.writeHead(code, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }

  private status(response: ServerResponse, code: number, reason: string, message: string, details?: object): void {
    this.send(response, code, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details
        ? { details }
        : {}),
      code,
    })
  }
}
