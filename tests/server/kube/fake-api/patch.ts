// The three patch flavours the Kubernetes API accepts, enough for the demo's objects.
import type { FieldStrategies, ListStrategy } from './patch-strategies'

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
 * Strategic merge patch (application/strategic-merge-patch+json), as the API server applies it:
 * lists named in `fields` merge by their merge key (containers by name, ports by containerPort,
 * ...), every other list is replaced whole; the directives `$patch` (replace / delete),
 * `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>` and `$retainKeys` are honoured.
 * Items ordered by `$setElementOrder` come first, in that order, then any the server alone has.
 */
export function strategicMergePatch(target: Json, patch: Json, fields: FieldStrategies = {}): Json {
  if (!isObject(patch))
    return structuredClone(patch)
  return mergeStrategic(isObject(target)
    ? target
    : undefined, patch, fields) ?? {}
}

const isDirective = (key: string) => key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/')

function withoutDirectives(value: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !isDirective(key)).map(([key, item]) => [
    key,
    structuredClone(item),
  ]))
}

function mergeStrategic(original: JsonObject | undefined, patch: JsonObject, fields: FieldStrategies): JsonObject | undefined {
  if (patch.$patch === 'delete')
    return undefined
  if (patch.$patch === 'replace')
    return withoutDirectives(patch)
  if (patch.$patch !== undefined && patch.$patch !== 'merge')
    throw new Error(`unknown patch type: ${String(patch.$patch)} in map: ${JSON.stringify(patch)}`)
  const result: JsonObject = original
    ? structuredClone(original)
    : {}
  if (Array.isArray(patch.$retainKeys)) {
    for (const key of Object.keys(result)) {
      if (!patch.$retainKeys.includes(key))
        delete result[key]
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (isDirective(key))
      continue
    const strategy = fields[key]
    if (value === null) {
      delete result[key]
    }
    else if (Array.isArray(value) && strategy && !('fields' in strategy)) {
      result[key] = mergeList(result[key], value, strategy)
    }
    else if (isObject(value)) {
      const merged = mergeStrategic(isObject(result[key])
        ? result[key]
        : undefined, value, strategy && 'fields' in strategy
        ? strategy.fields
        : {})
      if (merged === undefined)
        delete result[key]
      else
        result[key] = merged
    }
    else {
      result[key] = structuredClone(value)
    }
  }
  for (const [directive, value] of Object.entries(patch)) {
    const [name, field = ''] = directive.split('/', 2)
    const strategy = fields[field]
    if (!Array.isArray(value) || !Array.isArray(result[field]))
      continue
    if (name === '$deleteFromPrimitiveList')
      result[field] = (result[field] as Json[]).filter(item => !value.includes(item))
    else if (name === '$setElementOrder' && strategy && !('fields' in strategy))
      result[field] = inOrder(result[field] as Json[], value, strategy.key)
  }
  return result
}

function mergeList(original: Json, patch: Json[], strategy: ListStrategy): Json[] {
  const current = Array.isArray(original)
    ? structuredClone(original)
    : []
  const { key } = strategy
  if (key === undefined) {
    return [
      ...current,
      ...patch.filter(item => !current.includes(item)),
    ]
  }
  if (patch.some(item => isObject(item) && item.$patch === 'replace')) {
    return patch.filter(item => !(isObject(item) && item.$patch === 'replace')).map(item => isObject(item)
      ? withoutDirectives(item)
      : item)
  }
  let result = current
  for (const item of patch) {
    if (!isObject(item) || item[key] === undefined)
      throw new Error(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`)
    const index = result.findIndex(existing => isObject(existing) && existing[key] === item[key])
    if (item.$patch === 'delete') {
      result = result.filter(existing => !(isObject(existing) && existing[key] === item[key]))
      continue
    }
    const merged = mergeStrategic(index === -1
      ? undefined
      : result[index] as JsonObject, item, strategy.item ?? {})
    if (merged === undefined)
      continue
    if (index === -1)
      result.push(merged)
    else
      result[index] = merged
  }
  return result
}

function inOrder(list: Json[], order: Json[], key: string | undefined): Json[] {
  const identity = (item: Json) => key === undefined
    ? item
    : (item as JsonObject)[key]
  const position = (item: Json) => order.findIndex(entry => (key === undefined
    ? entry
    : (entry as JsonObject)?.[key]) === identity(item))
  const ordered = list.filter(item => position(item) !== -1).sort((a, b) => position(a) - position(b))
  return [
    ...ordered,
    ...list.filter(item => position(item) === -1),
  ]
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
