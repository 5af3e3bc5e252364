import { parseCookie } from '@crumbs/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCookie } from './read-cookie.js'

const name = fc.constantFrom('a', 'b', 'a b', ' a', 'a=', '', '__proto__', 'constructor', 'é')
// Headers built from the characters the parsers treat specially, around a few names.
const header = fc
  .array(
    fc.oneof(
      name,
      fc.constantFrom(';', '; ', '=', ' ', '\t', '"', '\\054', '%20', '%', '\u00a0', '\n'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 3 }),
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.join(''))

describe('readCookie', () => {
  it.each([
    ['the first value when a name repeats', 'a=1; a=2', 'a', '1'],
    ['a value trimmed of SP and HTAB', ' a \t=\t x y ;b=2', 'a', 'x y'],
    ['a Werkzeug-quoted value', 'a="x\\054y"', 'a', 'x,y'],
    ['a percent-encoded value', 'a=x%20y', 'a', 'x y'],
    ['nothing for a pair without =', 'a; b=1', 'a', undefined],
    ['nothing for an Object.prototype key', 'a=1', 'constructor', undefined],
    ['nothing for the empty name', '=1', '', undefined],
  ])('reads %s', (_, input, cookie, expected) => {
    expect(readCookie(input, cookie)).toBe(expected)
  })

  it("answers exactly as @crumbs/core's parseCookie does", () => {
    fc.assert(
      fc.property(header, name, (text, cookie) => {
        expect(readCookie(text, cookie)).toBe(parseCookie(text).get(cookie))
      }),
      { numRuns: 5000 },
    )
  })
})
