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

  it('leaves offset zero bytes in front', () => {
    expect(Array.from(encodeUtf8('a', 3))).toEqual([0, 0, 0, 0x61])
  })

  it('agrees with TextEncoder.encode on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(encodeUtf8(text).join()).toBe(new TextEncoder().encode(text).join())
      }),
    )
  })
})
