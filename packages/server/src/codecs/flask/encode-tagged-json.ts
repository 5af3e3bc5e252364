import { CrumbsError } from '@crumbs/core'
import { encodeStandardBase64 } from '../../internal/standard-base64.js'
import { FLASK_TAG_KEYS } from './flask-tags.js'
import { FlaskTuple } from './flask-tuple.js'
import { formatHttpDate } from './http-date.js'
import { type PythonJsonValue, stringifyPythonJson } from './stringify-python-json.js'

/** Deepest nesting {@link encodeTaggedJson} writes; the decoder accepts the same. */
export const MAX_TAGGED_JSON_DEPTH = 256

/**
 * Serializes session data as Flask's `TaggedJSONSerializer.dumps` does: `Date` → ` d` (HTTP
 * date), `Uint8Array` → ` b` (base64), {@link FlaskTuple} → ` t`, a one-key object whose key is a
 * tag → ` di`; compact, key-sorted, ASCII-only JSON. Properties holding `undefined` are left out,
 * as in `JSON.stringify`; any other value JSON cannot carry throws `INVALID_OPTION`.
 */
export function encodeTaggedJson(data: Readonly<Record<string, unknown>>): string {
  return stringifyPythonJson(tag(data, '$', new Set()))
}

function tag(value: unknown, path: string, ancestors: Set<object>): PythonJsonValue {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return value
    case 'object':
      if (value === null) return null
      break
    default:
      throw unsupported(path, typeof value)
  }
  if (value instanceof Date) {
    const text = Number.isNaN(value.getTime()) ? undefined : formatHttpDate(value)
    if (text === undefined) throw unsupported(path, 'a Date outside the years 1 to 9999')
    return new Map([[' d', text]])
  }
  if (value instanceof Uint8Array) {
    return new Map([[' b', encodeStandardBase64(value)]])
  }
  if (ancestors.has(value)) throw unsupported(path, 'a circular reference')
  if (ancestors.size >= MAX_TAGGED_JSON_DEPTH) throw unsupported(path, 'nesting too deep')
  ancestors.add(value)
  try {
    return tagContainer(value, path, ancestors)
  } finally {
    ancestors.delete(value)
  }
}

function tagContainer(value: object, path: string, ancestors: Set<object>): PythonJsonValue {
  if (value instanceof FlaskTuple) {
    return new Map([
      [' t', value.items.map((item, i) => tagItem(item, `${path}[${i}]`, ancestors))],
    ])
  }
  if (Array.isArray(value)) {
    return Array.from(value, (item: unknown, i) => tagItem(item, `${path}[${i}]`, ancestors))
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    throw unsupported(path, `an instance of ${value.constructor?.name ?? 'a class'}`)
  }
  const record = value as Readonly<Record<string, unknown>>
  const entries = new Map<string, PythonJsonValue>()
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (item !== undefined) entries.set(key, tag(item, `${path}.${key}`, ancestors))
  }
  const [only] = entries.keys()
  // Flask's TagDict: a lone key that is itself a tag would read back as that tag, so it is
  // escaped as {" di": {"<key>__": value}}.
  if (entries.size === 1 && only !== undefined && FLASK_TAG_KEYS.has(only)) {
    return new Map([[' di', new Map([[`${only}__`, entries.get(only)!]])]])
  }
  return entries
}

// In a list, `undefined` has no JSON meaning (JSON.stringify would silently write `null`).
function tagItem(item: unknown, path: string, ancestors: Set<object>): PythonJsonValue {
  if (item === undefined) throw unsupported(path, 'undefined')
  return tag(item, path, ancestors)
}

function unsupported(path: string, what: string): CrumbsError {
  return new CrumbsError(
    'INVALID_OPTION',
    `Cannot encode ${what} at ${path} in a Flask session: use JSON values, Date, Uint8Array or FlaskTuple.`,
    { details: { path } },
  )
}
