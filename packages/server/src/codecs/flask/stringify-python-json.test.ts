import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type PythonJsonValue, stringifyPythonJson } from './stringify-python-json.js'

const object = (entries: Record<string, PythonJsonValue>) => new Map(Object.entries(entries))

describe('stringifyPythonJson', () => {
  // Expected strings are Python 3.11's json.dumps(v, separators=(',', ':'), sort_keys=True).
  it.each<[string, PythonJsonValue, string]>([
    ['null', null, 'null'],
    ['booleans', [true, false], '[true,false]'],
    ['integers up to 2^53', [0, -17, 2 ** 53], '[0,-17,9007199254740992]'],
    ['a bigint', 2n ** 64n + 1n, '18446744073709551617'],
    ['floats', [0.5, 1e16, 1.5e-7], '[0.5,1e+16,1.5e-07]'],
    ['non-finite floats', [Number.NaN, Number.NEGATIVE_INFINITY], '[NaN,-Infinity]'],
    ['short escapes', '"\\\n\r\t\b\f', '"\\"\\\\\\n\\r\\t\\b\\f"'],
    ['other controls and DEL', '\u0001\u001f\u007f', '"\\u0001\\u001f\\u007f"'],
    ['a slash, unescaped', 'a/b', '"a/b"'],
    ['non-ASCII as lowercase \\u escapes', 'é\u2028', '"\\u00e9\\u2028"'],
    ['an astral character as a surrogate pair', '😀', '"\\ud83d\\ude00"'],
    [
      'keys sorted by code point',
      object({ b: 1, a: 2, '\ue000': 3, '😀': 4 }),
      '{"a":2,"b":1,"\\ue000":3,"\\ud83d\\ude00":4}',
    ],
    ['nested containers', object({ a: [1, object({ z: null })] }), '{"a":[1,{"z":null}]}'],
    ['a __proto__ key as data', object({ ['__proto__']: 1 }), '{"__proto__":1}'],
  ])('writes %s as Python does', (_, value, text) => {
    expect(stringifyPythonJson(value)).toBe(text)
  })

  it('writes pure ASCII that JSON.parse reads back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = stringifyPythonJson(toPython(value))
        expect(text).toMatch(/^[\x20-\x7e]*$/)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
      }),
    )
  })
})

function toPython(value: unknown): PythonJsonValue {
  if (Array.isArray(value)) return value.map(toPython)
  if (typeof value === 'object' && value !== null) {
    return new Map(Object.entries(value).map(([k, v]) => [k, toPython(v)]))
  }
  return value as PythonJsonValue
}
