import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePythonJson, REJECT } from './parse-python-json.js'

const plain = {
  reviveObject: (entries: Map<string, unknown>) => Object.fromEntries(entries),
  maxDepth: 32,
}
const parse = (text: string) => parsePythonJson(text, plain)

describe('parsePythonJson', () => {
  it.each<[string, unknown]>([
    ['{}', {}],
    [' {"a" : [1 , 2]}\n', { a: [1, 2] }],
    ['"\\ud83d\\ude00"', '😀'],
    ['"\\ud800"', '\ud800'],
    ['"\\u00E9\\/\\b\\f\\n\\r\\t\\"\\\\"', 'é/\b\f\n\r\t"\\'],
    ['"raw é 😀"', 'raw é 😀'],
    ['[NaN,Infinity,-Infinity]', [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]],
    ['[1E2,-0,0.5e-1,-1.5]', [100, 0, 0.05, -1.5]],
    ['9007199254740992', 2 ** 53],
    ['9007199254740993', 2n ** 53n + 1n],
    ['-18446744073709551617', -(2n ** 64n) - 1n],
    ['{"a":1,"a":2}', { a: 2 }],
    ['[true,false,null]', [true, false, null]],
  ])('reads %s as Python json.loads does', (text, value) => {
    expect(parse(text)).toEqual({ ok: true, value })
  })

  it.each([
    ['empty input', ''],
    ['trailing data', '{} {}'],
    ['a trailing comma', '[1,]'],
    ['a leading zero', '01'],
    ['a bare fraction', '.5'],
    ['a dangling exponent', '1e'],
    ['single quotes', "{'a':1}"],
    ['an unquoted key', '{a:1}'],
    ['a raw control character', '"a\tb"'],
    ['a bad escape', '"\\x41"'],
    ['a short unicode escape', '"\\u12"'],
    ['an unterminated string', '"abc'],
    ['a byte-order mark', '\ufeff{}'],
    ['a lowercase literal', 'nan'],
    ['an integer longer than Python allows', '1'.repeat(4301)],
    ['nesting past maxDepth', `${'['.repeat(33)}${']'.repeat(33)}`],
  ])('rejects %s', (_, text) => {
    expect(parse(text)).toEqual({ ok: false })
  })

  it('accepts nesting up to maxDepth', () => {
    expect(parse(`${'['.repeat(32)}${']'.repeat(32)}`).ok).toBe(true)
  })

  it('rejects the document when the object hook says so', () => {
    const strict = { reviveObject: () => REJECT, maxDepth: 4 }
    expect(parsePythonJson('[1,{}]', strict)).toEqual({ ok: false })
  })

  it('revives objects innermost first', () => {
    const seen: string[] = []
    const hook = (entries: Map<string, unknown>) => {
      seen.push([...entries.keys()].join())
      return entries.size
    }
    expect(parsePythonJson('{"outer":{"inner":1}}', { reviveObject: hook, maxDepth: 4 })).toEqual({
      ok: true,
      value: 1,
    })
    expect(seen).toEqual(['inner', 'outer'])
  })

  it('reads back whatever JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value)
        const result = parse(text)
        // Integral literals past 2^53 come back as exact bigints, as Python keeps them as ints.
        expect(result.ok && JSON.parse(JSON.stringify(result.value, asNumber))).toEqual(
          JSON.parse(text),
        )
      }),
    )
  })

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789.eE-+ntrufalsNI\\u') }),
        (text) => {
          expect(typeof parse(text).ok).toBe('boolean')
        },
      ),
    )
  })
})

function asNumber(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value
}
