// Every request to the Kubernetes API has a deadline. client-node's generated calls have none (undici
// waits ~300 s), so a hung API server would hold a list or a patch, and the action queue behind it.
import type { ConfigurationOptions, HttpLibrary, RequestContext } from '@kubernetes/client-node'
import { IsomorphicFetchHttpLibrary, Observable, ResponseContext } from '@kubernetes/client-node'
import { formatSeconds } from '../support/deadline'

/** The API accepted the connection but did not answer in time. */
export class ApiTimeoutError extends Error {
  override readonly name = 'ApiTimeoutError'
  constructor(readonly ms: number) {
    super(`no answer from the Kubernetes API in ${formatSeconds(ms)}`)
  }
}

/** The fetch client-node uses, with one deadline for the whole exchange (headers and body). */
export class DeadlineHttpLibrary implements HttpLibrary {
  private readonly inner = new IsomorphicFetchHttpLibrary()

  constructor(private readonly ms: number, private readonly cancel?: AbortSignal) {}

  send(request: RequestContext): Observable<ResponseContext> {
    const deadline = AbortSignal.timeout(this.ms)
    request.setSignal(this.cancel
      ? AbortSignal.any([deadline, this.cancel])
      : deadline)
    const explain = (error: unknown): never => {
      throw deadline.aborted
        ? new ApiTimeoutError(this.ms)
        : error
    }
    const response = this.inner.send(request).toPromise().then(context => new ResponseContext(context.httpStatusCode, context.headers, {
      text: () => context.body.text().catch(explain),
      binary: () => context.body.binary().catch(explain),
      stream: () => context.body.stream(),
    }), explain)
    return new Observable(response)
  }
}

/** Options for one generated API call: a deadline of `ms`, and cancelled early by `cancel`. */
export function withDeadline(ms: number, cancel?: AbortSignal, options: ConfigurationOptions = {}): ConfigurationOptions {
  return {
    ...options,
    httpApi: new DeadlineHttpLibrary(ms, cancel),
  }
}
