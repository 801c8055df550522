// Which recorded action stands for the presenter's request: the same type, and the same values where they
// change the outcome (a colour, a replica count, an Application). Browser-safe.
import type { ActionRequest } from '../protocol'

/** The fields that decide what an action does; the others (a pod name, a revert's sha, a commit subject) follow the recording. */
function deciding(request: ActionRequest): Record<string, string | number | undefined> {
  switch (request.type) {
    case 'drift.scale':
      return { replicas: request.replicas }
    case 'drift.setColor':
      return {
        color: request.color.toLowerCase(),
      }
    case 'app.refresh':
    case 'app.sync':
      return { app: request.app }
    case 'git.setColor':
    case 'git.race':
      return {
        color: request.color.toLowerCase(),
        message: request.message,
      }
    case 'drift.deletePod':
    case 'drift.deleteNamespace':
    case 'git.revert':
    case 'demo.reset':
      return {}
  }
}

export function sameAction(recorded: ActionRequest, request: ActionRequest): boolean {
  if (recorded.type !== request.type)
    return false
  const a = deciding(recorded)
  const b = deciding(request)
  return Object.keys({
    ...a,
    ...b,
  }).every(key => a[key] === b[key])
}

/** `git.setColor #e67e22`, `drift.scale 5`: how an error message names an action. */
export function describeAction(request: ActionRequest): string {
  const values = Object.values(deciding(request)).filter(value => value !== undefined)
  return [
    request.type,
    ...values.map(String),
  ].join(' ')
}
