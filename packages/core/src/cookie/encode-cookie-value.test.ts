import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCrumbsError } from '../errors.js'
import { decodeCookieValue, encodeCookieValue } from './encode-cookie-value.js'

const ascii = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i))
// cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E (RFC 6265 §4.1.1)
const COOKIE_OCTETS = [...ascii(0x21, 0x7e)].filter((c) => !'",;\\'.includes(c))
const OTHERS = [...ascii(0x00, 0x20), '"', ',', ';', '\\', '\x7f', '%']

describe('encodeCookieValue', () => {
  it.each(COOKIE_OCTETS.filter((c) => c !== '%'))('passes the cookie-octet %j through', (c) => {
    expect(encodeCookieValue(`a${c}b`)).toBe(`a${c}b`)
  })

  it.each(OTHERS)('percent-encodes %j', (c) => {
    const hex = c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')
    expect(encodeCookieValue(`a${c}b`)).toBe(`a%${hex}b`)
  })

  it.each([
    ['é', '%C3%A9'],
    ['€', '%E2%82%AC'],
    ['😀', '%F0%9F%98%80'],
    ['\u0080', '%C2%80'],
    ['\uffff', '%EF%BF%BF'],
  ])('writes %j as its UTF-8 bytes %s', (value, encoded) => {
    expect(encodeCookieValue(value)).toBe(encoded)
  })

  it('returns a base64url token unchanged', () => {
    const token = 'AbC-_09.xyz~'
    expect(encodeCookieValue(token)).toBe(token)
  })

  it.each([
    ['\uD800', 0],
    ['a\uDC00', 1],
    ['ab\uD83D', 2],
    ['\uD83Dx', 0],
  ])('refuses the lone surrogate in %j with INVALID_COOKIE_VALUE', (value, index) => {
    let error: unknown
    try {
      encodeCookieValue(value)
    } catch (caught) {
      error = caught
    }
    expect(isCrumbsError(error, 'INVALID_COOKIE_VALUE')).toBe(true)
    expect((error as { details: unknown }).details).toEqual({ index })
  })

  it('writes only cookie-octets', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(encodeCookieValue(value)).toMatch(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/)
      }),
    )
  })

  it('agrees with encodeURIComponent on what it escapes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(decodeURIComponent(encodeCookieValue(value))).toBe(value)
      }),
    )
  })
})

describe('decodeCookieValue', () => {
  it('inverts encodeCookieValue for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(decodeCookieValue(encodeCookieValue(value))).toBe(value)
      }),
      { numRuns: 2_000 },
    )
  })

  it('returns a value without % or quotes as it is', () => {
    expect(decodeCookieValue('plain+value=')).toBe('plain+value=')
  })

  it('percent-decodes escapes', () => {
    expect(decodeCookieValue('a%3Bb%C3%A9')).toBe('a;bé')
  })

  it.each(['%', '%4', '%G0', '%C3', '%FF', 'ok%20then%'])('keeps the malformed %j raw', (raw) => {
    expect(decodeCookieValue(raw)).toBe(raw)
  })

  it.each([
    ['"abc"', 'abc'],
    ['"a\\054b"', 'a,b'],
    ['"\\"\\\\"', '"\\'],
    ['"\\303\\251"', 'é'],
    ['"\\377"', '\ufffd'],
  ])('unquotes %j to %j', (raw, value) => {
    expect(decodeCookieValue(raw)).toBe(value)
  })

  it('never throws', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('"', '\\', '%', '0', '3', '7', 'F', 'é') }),
        (raw) => {
          expect(typeof decodeCookieValue(raw)).toBe('string')
        },
      ),
      { numRuns: 2_000 },
    )
  })
})
