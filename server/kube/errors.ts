/** One line about a failed API call or watch, without credentials or response bodies. */
export function describeApiError(error: unknown): string {
  if (typeof error !== 'object' || error === null)
    return String(error)
  const value = error as { code?: unknown, statusCode?: unknown, body?: unknown, message?: unknown, cause?: unknown }
  const status = typeof value.statusCode === 'number'
    ? value.statusCode
    : typeof value.code === 'number'
      ? value.code
      : undefined
  if (status !== undefined)
    return `HTTP ${status}${statusMessage(value.body) ?? ''}`
  const cause = value.cause as { code?: unknown, message?: unknown } | undefined
  if (cause && typeof cause.code === 'string') {
    return typeof cause.message === 'string' && cause.message
      ? cause.message
      : cause.code
  }
  return typeof value.message === 'string'
    ? value.message.split('\n')[0] ?? 'unknown error'
    : 'unknown error'
}

function statusMessage(body: unknown): string | undefined {
  let parsed = body
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body)
    }
    catch {
      return undefined
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message
  return typeof message === 'string' && message
    ? `: ${message.split('\n')[0]}`
    : undefined
}
