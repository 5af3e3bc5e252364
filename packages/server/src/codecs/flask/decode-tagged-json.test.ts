import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeTaggedJson } from './decode-tagged-json.js'
import { encodeTaggedJson } from './encode-tagged-json.js'

describe('decodeTaggedJson', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['a tuple as an array', '{"t":{" t":[1,{" t":[2]}]}}', { t: [1, [2]] }],
    ['bytes as a Uint8Array', '{"b":{" b":"AP/7"}}', { b: new Uint8Array([0, 255, 251]) }],
    ['Markup as a string', '{"m":{" m":"<b>x</b>"}}', { m: '<b>x</b>' }],
    [
      'a UUID as its hyphenated string',
      '{"u":{" u":"12345678123456781234567812345678"}}',
      { u: '12345678-1234-5678-1234-567812345678' },
    ],
    [
      'a datetime as a Date',
      '{"d":{" d":"Thu, 29 Feb 2024 23:59:58 GMT"}}',
      { d: new Date('2024-02-29T23:59:58Z') },
    ],
    ['an unparsable datetime as null, as Flask does', '{"d":{" d":"soon"}}', { d: null }],
    ['an escaped tag key', '{"x":{" di":{" t__":{" t":[1]}}}}', { x: { ' t': [1] } }],
    ['an escaped escape, once', '{" di":{" di__":{" di":{" u__":"x"}}}}', { ' di': { ' u': 'x' } }],
    ['an unknown tag-like key as data', '{"x":{" z":1}}', { x: { ' z': 1 } }],
    [
      'a two-key object with tag keys as data',
      '{"x":{" b":2," t":1}}',
      { x: { ' b': 2, ' t': 1 } },
    ],
  ])('reads %s', (_, text, data) => {
    expect(decodeTaggedJson(text)).toEqual({ ok: true, data })
  })

  it.each([
    ['before year 1 once its zone applies', 'Mon, 01 Jan 0001 00:00:00 +9959'],
    ['after year 9999 once its zone applies', 'Fri, 31 Dec 9999 23:59:59 -9959'],
  ])('refuses a datetime %s, which could never be written back', (_, date) => {
    expect(decodeTaggedJson(`{"d":{" d":"${date}"}}`)).toEqual({ ok: false })
  })

  it('keeps a __proto__ key as own data without touching the prototype', () => {
    const result = decodeTaggedJson('{"__proto__":{"polluted":true}}')
    if (!result.ok) throw new Error('expected ok')
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype)
    expect(Object.keys(result.data)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each([
    ['a tuple that is not a list', '{"t":{" t":"ab"}}'],
    ['bytes that are not base64', '{"b":{" b":"AP/"}}'],
    ['bytes that are not a string', '{"b":{" b":1}}'],
    ['Markup that is not a string', '{"m":{" m":[]}}'],
    ['a UUID of the wrong length', '{"u":{" u":"1234"}}'],
    ['a datetime that is not a string', '{"d":{" d":0}}'],
    ['an escape without the __ suffix', '{"x":{" di":{" t":1}}}'],
    ['an escape with two keys', '{"x":{" di":{"a__":1,"b__":2}}}'],
    ['an escape of a list', '{"x":{" di":[1]}}'],
    ['a top level that is not an object', '[{}]'],
    ['a top level that becomes bytes', '{" b":"AA=="}'],
  ])('rejects %s', (_, text) => {
    expect(decodeTaggedJson(text)).toEqual({ ok: false })
  })

  it('reads back what encodeTaggedJson writes', () => {
    const leaf = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown),
      fc.uint8Array({ maxLength: 16 }),
      fc.integer({ min: 0, max: 253_402_300_799 }).map((s) => new Date(s * 1000)),
    )
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(' t', ' b', ' d', ' di', 'a', 'é', '😀', '__proto__'),
          tie('node'),
          {
            maxKeys: 2,
          },
        ),
      ),
    })).node
    fc.assert(
      fc.property(fc.dictionary(fc.string(), tree), (data) => {
        expect(decodeTaggedJson(encodeTaggedJson(data))).toEqual({ ok: true, data })
      }),
    )
  })
})
