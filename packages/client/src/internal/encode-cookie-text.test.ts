import { encodeCookieValue, isCrumbsError } from '@crumbs/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeCookieText } from './encode-cookie-text.js'

/** Core's encoder, with its lone-surrogate error as `undefined`. */
function core(text: string): string | undefined {
  try {
    return encodeCookieValue(text)
  } catch (error) {
    if (isCrumbsError(error, 'INVALID_COOKIE_VALUE')) return undefined
    throw error
  }
}

// Every class of character the encoder treats differently, so short strings mix them often.
const piece = fc.oneof(
  fc.constantFrom('"', '%', ',', ';', '\\', ' ', '\t', '\x7f', '\x00', '=', '!', '~', '+'),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\ud800', '\udc00', '\ud83d\ude00', 'é', '日本'),
)
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''))

describe('encodeCookieText', () => {
  it.each([
    ['a cookie-octet run', 'abc-_.~!', 'abc-_.~!'],
    ['a space and a semicolon', 'a b;c', 'a%20b%3Bc'],
    ['% itself', '100%', '100%25'],
    ['a DQUOTE, comma and backslash', '"a,b\\"', '%22a%2Cb%5C%22'],
    ['non-ASCII text as UTF-8', 'é😀', '%C3%A9%F0%9F%98%80'],
  ])('encodes %s', (_, input, expected) => {
    expect(encodeCookieText(input)).toBe(expected)
  })

  it('refuses a lone surrogate', () => {
    expect(encodeCookieText('a\ud800b')).toBeUndefined()
    expect(encodeCookieText('\udc00')).toBeUndefined()
  })

  it("writes exactly what @crumbs/core's encodeCookieValue writes", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(encodeCookieText(value)).toBe(core(value))
      }),
      { numRuns: 5000 },
    )
  })
})
