import { compareCodePoints } from './compare-code-points.js'
import { pythonFloatRepr } from './python-float-repr.js'

/**
 * A JSON value as Python's `json` module sees it. Objects are `Map`s so that every key, even
 * `__proto__`, stays plain data; `bigint` stands for a Python `int` beyond 2^53.
 */
export type PythonJsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly PythonJsonValue[]
  | ReadonlyMap<string, PythonJsonValue>

// Python's `ensure_ascii` output: short escapes for these, `\u00XX` (lowercase hex) for the rest.
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

// Everything outside printable ASCII (space to `~`), matched per UTF-16 unit so astral characters
// come out as surrogate pairs, exactly like `json.dumps(..., ensure_ascii=True)`.
const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u007f-\uffff]/g

const MAX_EXACT_INTEGER = 2 ** 53

/**
 * Writes `value` byte for byte as Flask does: `json.dumps(value, separators=(',', ':'),
 * sort_keys=True, ensure_ascii=True)`.
 */
export function stringifyPythonJson(value: PythonJsonValue): string {
  const out: string[] = []
  write(value, out)
  return out.join('')
}

function write(value: PythonJsonValue, out: string[]): void {
  if (value === null) out.push('null')
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false')
  else if (typeof value === 'number') out.push(formatNumber(value))
  else if (typeof value === 'bigint') out.push(value.toString())
  else if (typeof value === 'string') out.push(quote(value))
  else if (isArray(value)) {
    out.push('[')
    value.forEach((item, index) => {
      if (index > 0) out.push(',')
      write(item, out)
    })
    out.push(']')
  } else {
    out.push('{')
    const keys = [...value.keys()].sort(compareCodePoints)
    keys.forEach((key, index) => {
      if (index > 0) out.push(',')
      out.push(quote(key), ':')
      write(value.get(key)!, out)
    })
    out.push('}')
  }
}

function isArray(value: PythonJsonValue): value is readonly PythonJsonValue[] {
  return Array.isArray(value)
}

// A JavaScript number cannot say whether Python held an `int` or a `float`; integral values up to
// 2^53 are written as `int`s (what a TypeScript caller means by `1`), everything else as `float`s.
function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) <= MAX_EXACT_INTEGER) return String(value)
  return pythonFloatRepr(value)
}

function quote(text: string): string {
  const escaped = text.replace(
    NEEDS_ESCAPE,
    (unit) => SHORT_ESCAPES[unit] ?? `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return `"${escaped}"`
}
