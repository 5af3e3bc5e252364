import { isCrumbsError } from '@crumbs/core'
import { describe, expect, it } from 'vitest'
import { encodeTaggedJson, MAX_TAGGED_JSON_DEPTH } from './encode-tagged-json.js'
import { FlaskTuple } from './flask-tuple.js'

describe('encodeTaggedJson', () => {
  // Expected strings are what Flask 2.2's session serializer writes for the Python equivalent.
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a Date as an HTTP date',
      { d: new Date('2024-02-29T23:59:58.5Z') },
      '{"d":{" d":"Thu, 29 Feb 2024 23:59:58 GMT"}}',
    ],
    [
      'bytes as padded standard base64',
      { b: new Uint8Array([0, 255, 251]) },
      '{"b":{" b":"AP/7"}}',
    ],
    ['a Buffer as bytes', { b: Buffer.from('hi') }, '{"b":{" b":"aGk="}}'],
    ['a FlaskTuple as a tuple', { t: new FlaskTuple([1, 'a']) }, '{"t":{" t":[1,"a"]}}'],
    ['an array as a list', { l: [1, [2]] }, '{"l":[1,[2]]}'],
    ['a one-key object whose key is a tag', { x: { ' t': 1 } }, '{"x":{" di":{" t__":1}}}'],
    ['a top-level tag-like key', { ' b': 'x' }, '{" di":{" b__":"x"}}'],
    [
      'a two-key object with tag keys as plain',
      { x: { ' t': 1, ' b': 2 } },
      '{"x":{" b":2," t":1}}',
    ],
    ['a key that only looks like a tag', { x: { ' x': 1 } }, '{"x":{" x":1}}'],
    ['an undefined property as absent', { a: undefined, b: 1 }, '{"b":1}'],
    [
      'an object with no prototype',
      { o: Object.assign(Object.create(null), { a: 1 }) },
      '{"o":{"a":1}}',
    ],
    ['an own __proto__ key as data', JSON.parse('{"__proto__":{"x":1}}'), '{"__proto__":{"x":1}}'],
    ['a bigint as an int', { n: 2n ** 64n }, '{"n":18446744073709551616}'],
  ])('writes %s', (_, data, text) => {
    expect(encodeTaggedJson(data)).toBe(text)
  })

  const circular: Record<string, unknown> = {}
  circular.self = circular
  let deep: unknown = 1
  for (let i = 0; i < MAX_TAGGED_JSON_DEPTH + 1; i++) deep = [deep]

  it.each<[string, Record<string, unknown>, string]>([
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', { s: Symbol('s') }, '$.s'],
    ['undefined in a list', { l: [1, undefined] }, '$.l[1]'],
    ['an invalid Date', { d: new Date(Number.NaN) }, '$.d'],
    ['a Date past year 9999', { d: new Date('+010000-01-01T00:00:00Z') }, '$.d'],
    ['a Map', { m: new Map() }, '$.m'],
    ['a class instance', { u: new URL('https://example.com') }, '$.u'],
    ['a circular reference', circular, '$.self'],
  ])('throws INVALID_OPTION naming the path for %s', (_, data, path) => {
    let caught: unknown
    try {
      encodeTaggedJson(data)
    } catch (error) {
      caught = error
    }
    expect(isCrumbsError(caught, 'INVALID_OPTION') && caught.details.path).toBe(path)
  })

  it('throws INVALID_OPTION for nesting deeper than the decoder accepts', () => {
    expect(() => encodeTaggedJson({ deep })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    )
  })

  it('accepts the same value twice when it is not circular', () => {
    const shared = { a: 1 }
    expect(encodeTaggedJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}')
  })
})
