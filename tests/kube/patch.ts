// The three patch flavours the Kubernetes API accepts, enough for the demo's objects.
type Json = unknown
type JsonObject = Record<string, unknown>

const isObject = (value: Json): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Merges object `patch` into `target` key by key (null deletes), each value merged by `mergeValue`. */
function mergeObject(target: Json, patch: Json, mergeValue: (target: Json, patch: Json) => Json): Json {
  if (!isObject(patch))
    return structuredClone(patch)
  const result: JsonObject = isObject(target)
    ? { ...target }
    : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null)
      delete result[key]
    else
      result[key] = mergeValue(result[key], value)
  }
  return result
}

/** RFC 7386 JSON merge patch (application/merge-patch+json). */
export function mergePatch(target: Json, patch: Json): Json {
  return mergeObject(target, patch, mergePatch)
}

/**
 * Strategic merge patch (application/strategic-merge-patch+json): like a merge patch, except
 * that lists of objects with a `name` (containers, env, ports, volumes) merge by that key.
 */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (Array.isArray(patch) && Array.isArray(target) && patch.every(item => isObject(item) && typeof item.name === 'string')) {
    const result = target.map(item => structuredClone(item) as Json)
    for (const item of patch as JsonObject[]) {
      const index = result.findIndex(existing => isObject(existing) && existing.name === item.name)
      if (index === -1)
        result.push(structuredClone(item))
      else
        result[index] = strategicMergePatch(result[index], item)
    }
    return result
  }
  return mergeObject(target, patch, strategicMergePatch)
}

interface JsonPatchOperation {
  op: 'add' | 'replace' | 'remove' | 'test'
  path: string
  value?: Json
}

/** RFC 6902 JSON patch (application/json-patch+json): add, replace, remove, test. */
export function jsonPatch(target: Json, operations: JsonPatchOperation[]): Json {
  const document = structuredClone(target)
  for (const operation of operations) {
    const keys = operation.path.split('/').slice(1).map(key => key.replace(/~1/g, '/').replace(/~0/g, '~'))
    const last = keys.pop()
    if (last === undefined)
      throw new Error('empty JSON patch path')
    let parent: Json = document
    for (const key of keys) {
      parent = (parent as Record<string, Json>)[key]
      if (typeof parent !== 'object' || parent === null)
        throw new Error(`JSON patch path ${operation.path} does not exist`)
    }
    const list = Array.isArray(parent)
      ? parent as Json[]
      : undefined
    const object = parent as Record<string, Json>
    const index = last === '-'
      ? list?.length ?? 0
      : Number(last)
    switch (operation.op) {
      case 'test':
        if (JSON.stringify(list ? list[index] : object[last]) !== JSON.stringify(operation.value))
          throw new Error(`JSON patch test failed at ${operation.path}`)
        break
      case 'remove':
        if (list)
          list.splice(index, 1)
        else
          delete object[last]
        break
      case 'add':
        if (list)
          list.splice(index, 0, operation.value)
        else
          object[last] = operation.value
        break
      case 'replace':
        if (list)
          list[index] = operation.value
        else
          object[last] = operation.value
        break
    }
  }
  return document
}
