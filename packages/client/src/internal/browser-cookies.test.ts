import { decodeCookieValue, encodeCookieValue, isCrumbsError, parseCookie } from '@crumbs/core'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { browserCookies } from './browser-cookies.js'

const { read, write } = browserCookies.converter

/** Core's encoder, with its lone-surrogate error as `undefined`. */
function coreEncode(text: string): string | undefined {
  try {
    return encodeCookieValue(text)
  } catch (error) {
    if (isCrumbsError(error, 'INVALID_COOKIE_VALUE')) return undefined
    throw error
  }
}

/** js-cookie's encoder, with its lone-surrogate URIError as `undefined`. */
function jsCookieEncode(text: string): string | undefined {
  try {
    return write(text, 'name')
  } catch (error) {
    if (error instanceof URIError) return undefined
    throw error
  }
}

// Every class of character the encoders treat differently, so short strings mix them often.
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom('"', '%', ',', ';', '\\', ' ', '\t', '\x7f', '\x00', '=', '!', '~', '+'),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\ud800', '\udc00', '\ud83d\ude00', 'é', '日本'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''))

// Raw cookie values as a browser keeps them (no `;`, no control characters, trimmed), made of
// percent escapes, well-formed or not, and the characters decoders treat specially.
const raw = fc
  .array(
    fc.oneof(
      fc.constantFrom('%', '%2', '%zz', '%C3', '%A9', '%E6%97%A5', '%25', '%20', '%E9', '%u00e9'),
      fc.constantFrom('"', '\\', '\\054', '=', ' ', ',', '+'),
      fc
        .string({ unit: 'grapheme-ascii', maxLength: 4 })
        .map((s) => s.replace(/[;\x00-\x1f]/g, '')),
      fc.constantFrom('é', '日本', '🍪'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join('').trim())

describe("browserCookies' write converter (js-cookie's default)", () => {
  it("writes exactly what @crumbs/core's encodeCookieValue writes", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(jsCookieEncode(value)).toBe(coreEncode(value))
      }),
      { numRuns: 5000 },
    )
  })

  it('agrees with core on every single UTF-16 code unit and on astral characters', () => {
    const differing: number[] = []
    for (let code = 0; code < 0x110000; code += code < 0x10000 ? 1 : 0x1001) {
      const value = String.fromCodePoint(code)
      if (jsCookieEncode(value) !== coreEncode(value)) differing.push(code)
    }
    expect(differing).toEqual([])
  })

  it.each([
    ['% itself', '100%', '100%25'],
    ['a plus sign', 'a+b', 'a+b'],
    ['a DQUOTE, comma, semicolon and backslash', '"a,b;\\"', '%22a%2Cb%3B%5C%22'],
    ['non-ASCII text as UTF-8', 'é😀', '%C3%A9%F0%9F%98%80'],
  ])('encodes %s as core does', (_, value, encoded) => {
    expect(write(value, 'name')).toBe(encoded)
    expect(encodeCookieValue(value)).toBe(encoded)
  })

  it('throws a URIError for a lone surrogate, which core refuses too', () => {
    expect(() => write('a\ud800b', 'name')).toThrow(URIError)
    expect(coreEncode('a\ud800b')).toBeUndefined()
  })
})

describe("browserCookies' read converter", () => {
  it("inverts @crumbs/core's encodeCookieValue", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(read(encodeCookieValue(value), 'name')).toBe(value)
      }),
      { numRuns: 2000 },
    )
  })

  it("reads every unquoted value exactly as @crumbs/core's decodeCookieValue does", () => {
    fc.assert(
      fc.property(raw, (value) => {
        fc.pre(!value.startsWith('"'))
        expect(read(value, 'name')).toBe(decodeCookieValue(value))
      }),
      { numRuns: 5000 },
    )
  })

  it('reads a quoted value without backslashes as core does', () => {
    fc.assert(
      fc.property(raw, (value) => {
        const quoted = `"${value.replaceAll('\\', '')}"`
        expect(read(quoted, 'name')).toBe(decodeCookieValue(quoted))
      }),
    )
  })

  // The documented differences, all in text that neither crumbs nor @crumbs/server writes.
  it.each([
    ["Werkzeug's octal escape", '"a\\054b"', 'a\\054b', 'a,b'],
    ['an escaped quote', '"say \\"hi\\""', 'say \\"hi\\"', 'say "hi"'],
    ['a value that only starts with a quote', '"abc', 'ab', '"abc'],
    ['a lone quote', '"', '', '"'],
  ])('differs from core on %s', (_, value, browser, core) => {
    expect(read(value, 'name')).toBe(browser)
    expect(decodeCookieValue(value)).toBe(core)
  })
})

describe('browserCookies.get', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** Makes `document.cookie` read as `header` for the next reads. */
  function cookieHeader(header: string): void {
    vi.spyOn(document, 'cookie', 'get').mockReturnValue(header)
  }

  const name = fc.constantFrom('a', 'b', 'theme', '__Host-x', 'a.b', 'A')

  it("reads document.cookie, as browsers write it, as @crumbs/core's parseCookie does", () => {
    const unquoted = raw.filter((value) => !value.startsWith('"'))
    const pair = fc.tuple(name, unquoted).map(([n, v]) => `${n}=${v}`)
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), name, (pairs, cookie) => {
        const header = pairs.join('; ')
        cookieHeader(header)
        expect(browserCookies.get(cookie)).toBe(parseCookie(header).get(cookie))
      }),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['the first value when a name repeats', 'a=1; a=2', 'a', '1', '1'],
    ['a percent-encoded name, which js-cookie decodes', 'th%65me=dark', 'theme', 'dark', undefined],
    ['a nameless cookie, which js-cookie takes for a name', 'theme', 'theme', '', undefined],
  ])('reads %s', (_, header, cookie, browser, core) => {
    cookieHeader(header)
    expect(browserCookies.get(cookie)).toBe(browser)
    expect(parseCookie(header).get(cookie)).toBe(core)
  })

  it('never reads a cookie named after an Object.prototype member, so those names are refused', () => {
    cookieHeader('toString=x')
    expect(browserCookies.get('toString')).not.toBe('x')
  })
})
