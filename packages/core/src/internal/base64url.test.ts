import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64Url, encodeBase64Url, isBase64Url } from './base64url.js'

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0))

describe('encodeBase64Url', () => {
  // RFC 4648 §10 test vectors, unpadded.
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j', (text, encoded) => {
    expect(encodeBase64Url(ascii(text))).toBe(encoded)
  })

  it('uses - and _ in place of + and /', () => {
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_')
  })

  it('encodes inputs longer than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i * 7)
    expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes)
  })
})

describe('decodeBase64Url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64Url(bytes)
        expect(isBase64Url(text)).toBe(true)
        expect(decodeBase64Url(text)).toEqual(bytes)
      }),
    )
  })

  it.each([
    ['padding', 'Zg=='],
    ['the standard alphabet +', 'a+b/'],
    ['whitespace', 'Zm9 v'],
    ['an impossible length', 'Zm9vY'],
    ['spare bits set after one byte', 'Zh'],
    ['spare bits set after two bytes', 'Zm9'],
    ['a non-ASCII character', 'Zm9v\u00e9A'],
  ])('refuses %s', (_, text) => {
    expect(isBase64Url(text)).toBe(false)
    expect(decodeBase64Url(text)).toBeUndefined()
  })

  it('accepts only the one canonical spelling of any bytes', () => {
    const alphabet = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ '.split(''),
    )
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), (text) => {
        const bytes = decodeBase64Url(text)
        if (bytes !== undefined) expect(encodeBase64Url(bytes)).toBe(text)
        expect(isBase64Url(text)).toBe(bytes !== undefined)
      }),
    )
  })
})
