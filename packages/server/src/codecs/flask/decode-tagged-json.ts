import { decodeStandardBase64 } from '../../internal/standard-base64.js'
import { MAX_TAGGED_JSON_DEPTH } from './encode-tagged-json.js'
import { formatHttpDate, parseHttpDate } from './http-date.js'
import { parsePythonJson, REJECT } from './parse-python-json.js'

/** The outcome of {@link decodeTaggedJson}: the session data, or `ok: false` when malformed. */
export type TaggedJsonResult =
  | { readonly ok: true; readonly data: Record<string, unknown> }
  | { readonly ok: false }

// Standard alphabet with padding, as Python's `b64encode` writes it.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
// `UUID.hex` (what Flask writes) or the canonical hyphenated form.
const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i

/**
 * Reads Flask's tagged JSON (`TaggedJSONSerializer.loads`): ` t` → array, ` b` → `Uint8Array`,
 * ` m` → string, ` u` → hyphenated lowercase UUID string, ` d` → `Date` (`null` if unparsable,
 * as in Flask), ` di` → the one-key object. Never throws; the top level must be an object.
 */
export function decodeTaggedJson(text: string): TaggedJsonResult {
  const result = parsePythonJson(text, { reviveObject: untag, maxDepth: MAX_TAGGED_JSON_DEPTH })
  if (!result.ok || !isPlainObject(result.value)) return { ok: false }
  return { ok: true, data: result.value }
}

function untag(entries: Map<string, unknown>): unknown {
  if (entries.size !== 1) return toRecord(entries)
  const [key, value] = [...entries][0]!
  switch (key) {
    case ' t':
      return Array.isArray(value) ? value : REJECT
    case ' b':
      return typeof value === 'string' && BASE64.test(value) ? decodeStandardBase64(value) : REJECT
    case ' m':
      return typeof value === 'string' ? value : REJECT
    case ' u':
      return typeof value === 'string' ? formatUuid(value) : REJECT
    case ' d':
      return typeof value === 'string' ? readDate(value) : REJECT
    case ' di':
      return unescapeDict(value)
    default:
      return toRecord(entries)
  }
}

/**
 * A datetime, `null` when it does not parse (as Flask reads it), refused when it parses to an
 * instant outside the years 1 to 9999 (`Mon, 01 Jan 0001 00:00:00 -9959` is 9 999 years ago plus
 * four days): such a date could never be written back, so every later write of the session
 * would fail.
 */
function readDate(text: string): Date | null | typeof REJECT {
  const date = parseHttpDate(text)
  return date === null || formatHttpDate(date) !== undefined ? date : REJECT
}

// {" di": {"<tag>__": value}} → {"<tag>": value}; Flask only ever writes that one shape.
function unescapeDict(value: unknown): unknown {
  if (!isPlainObject(value)) return REJECT
  const keys = Object.keys(value)
  const [key] = keys
  if (keys.length !== 1 || key === undefined || !key.endsWith('__')) return REJECT
  return toRecord(new Map([[key.slice(0, -2), value[key]]]))
}

function formatUuid(text: string): string | typeof REJECT {
  const match = UUID.exec(text)
  return match === null ? REJECT : match.slice(1).join('-').toLowerCase()
}

function toRecord(entries: Map<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const [key, value] of entries) {
    // Assigning `__proto__` would replace the prototype; define it as the own data it is.
    if (key === '__proto__') {
      Object.defineProperty(record, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    } else {
      record[key] = value
    }
  }
  return record
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  )
}
