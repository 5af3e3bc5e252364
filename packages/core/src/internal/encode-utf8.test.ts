import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeUtf8 } from './encode-utf8.js'

// Any UTF-16 code unit (lone surrogates included) or any astral code point (a surrogate pair).
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
)

describe('encodeUtf8', () => {
  it.each([
    ['an empty string', '', []],
    ['ASCII', 'ab', [0x61, 0x62]],
    ['a two-byte character', 'é', [0xc3, 0xa9]],
    ['a three-byte character', '€', [0xe2, 0x82, 0xac]],
    ['a surrogate pair', '😀', [0xf0, 0x9f, 0x98, 0x80]],
    ['a lone surrogate', '\uD800', [0xef, 0xbf, 0xbd]],
  ])('encodes %s', (_, text, bytes) => {
    expect(Array.from(encodeUtf8(text))).toEqual(bytes)
  })

  it.each([
    ['ASCII', 'a', [0x61]],
    ['non-ASCII', 'é', [0xc3, 0xa9]],
  ])('leaves offset zero bytes in front of %s', (_, text, bytes) => {
    expect(Array.from(encodeUtf8(text, 3))).toEqual([0, 0, 0, ...bytes])
  })

  it('agrees with TextEncoder.encode after an offset', () => {
    fc.assert(
      fc.property(fc.string({ unit }), fc.nat(16), (text, offset) => {
        const expected = [...new Uint8Array(offset), ...new TextEncoder().encode(text)].join()
        expect(encodeUtf8(text, offset).join()).toBe(expected)
      }),
    )
  })

  it('agrees with TextEncoder.encode on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(encodeUtf8(text).join()).toBe(new TextEncoder().encode(text).join())
      }),
    )
  })
})
