import { decodeCookieValue, encodeCookieValue } from '@crumbs/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCookieText } from './decode-cookie-text.js'

// Raw header values: percent escapes (well-formed or not), Werkzeug's quoting with octal and
// backslash escapes, and arbitrary text around them.
const piece = fc.oneof(
  fc.constantFrom('"', '\\', '\\"', '\\\\', '%', '%2', '%zz', '%C3', '%A9', '%E6%97%A5', '%25'),
  fc.constantFrom('\\054', '\\303\\251', '\\377', '\\400', '\\012', '\\357\\273\\277', '\\0'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
)
const raw = fc
  .tuple(fc.array(piece, { maxLength: 8 }), fc.boolean())
  .map(([parts, quoted]) => (quoted ? `"${parts.join('')}"` : parts.join('')))

describe('decodeCookieText', () => {
  it.each([
    ['a plain value', 'abc', 'abc'],
    ['percent escapes as UTF-8', 'a%20b%C3%A9', 'a bé'],
    ['a malformed escape as sent', '100%', '100%'],
    ['invalid UTF-8 as sent', '%C3', '%C3'],
    ['a quoted value, unwrapped', '"a b"', 'a b'],
    ['Werkzeug octal escapes as UTF-8', '"a\\054b\\303\\251"', 'a,bé'],
    ['backslash escapes', '"\\"\\\\x"', '"\\x'],
    ['a lone quote as sent', '"', '"'],
    ['an empty quoted value', '""', ''],
  ])('reads %s', (_, input, expected) => {
    expect(decodeCookieText(input)).toBe(expected)
  })

  it("reads exactly what @crumbs/core's decodeCookieValue reads", () => {
    fc.assert(
      fc.property(raw, (value) => {
        expect(decodeCookieText(value)).toBe(decodeCookieValue(value))
      }),
      { numRuns: 5000 },
    )
  })

  it("inverts @crumbs/core's encodeCookieValue", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(decodeCookieText(encodeCookieValue(value))).toBe(value)
      }),
    )
  })
})
