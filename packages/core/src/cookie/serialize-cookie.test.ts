import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { thrown } from '../../test/code-of.js'
import type { CookieAttributes } from './cookie-attributes.js'
import { serializeCookie } from './serialize-cookie.js'

const ascii = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i))
const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
const NON_TOKEN = [...ascii(0x00, 0x7f).filter((c) => !TCHARS.includes(c)), 'é', '€', '😀']
const CONTROLS = [...ascii(0x00, 0x1f), '\x7f']
const token = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4LjE3MDAwMDAwMDA'
const DAY = 86_400

describe('serializeCookie', () => {
  it('writes name=value when there are no attributes', () => {
    expect(serializeCookie('theme', 'dark')).toBe('theme=dark')
  })

  it('writes every attribute in a fixed order', () => {
    const line = serializeCookie('sid', 'abc', {
      priority: 'high',
      partitioned: true,
      sameSite: 'none',
      secure: true,
      httpOnly: true,
      maxAge: 60,
      expires: new Date(Date.UTC(2000, 0, 2, 3, 4, 5)),
      path: '/app',
      domain: 'example.com',
    })
    expect(line).toBe(
      'sid=abc; Domain=example.com; Path=/app; Expires=Sun, 02 Jan 2000 03:04:05 GMT; ' +
        'Max-Age=60; HttpOnly; Secure; SameSite=None; Partitioned; Priority=High',
    )
  })

  it('leaves out flags that are false', () => {
    expect(serializeCookie('a', 'b', { httpOnly: false, secure: false, partitioned: false })).toBe(
      'a=b',
    )
  })

  it.each([
    ['strict', 'SameSite=Strict'],
    ['lax', 'SameSite=Lax'],
    ['none', 'SameSite=None'],
  ] as const)('writes sameSite %s as %s', (sameSite, text) => {
    expect(serializeCookie('a', 'b', { sameSite, secure: true })).toBe(`a=b; Secure; ${text}`)
  })

  it.each([
    ['low', 'Priority=Low'],
    ['medium', 'Priority=Medium'],
    ['high', 'Priority=High'],
  ] as const)('writes priority %s as %s', (priority, text) => {
    expect(serializeCookie('a', 'b', { priority })).toBe(`a=b; ${text}`)
  })

  it('passes a base64url token through unchanged', () => {
    expect(serializeCookie('sid', token)).toBe(`sid=${token}`)
  })

  it('percent-encodes what is not a cookie-octet', () => {
    expect(serializeCookie('a', 'x y;z,"\\%é')).toBe('a=x%20y%3Bz%2C%22%5C%25%C3%A9')
  })

  describe('names', () => {
    it.each(TCHARS.split(''))('accepts the token character %j as a name', (name) => {
      expect(serializeCookie(name, 'v')).toBe(`${name}=v`)
    })

    it.each(NON_TOKEN)('refuses %j in a name with INVALID_COOKIE_NAME', (char) => {
      const error = thrown(() => serializeCookie(`a${char}b`, 'v'))
      expect(error.code).toBe('INVALID_COOKIE_NAME')
      expect(error.details).toEqual({ name: `a${char}b` })
    })

    it('refuses an empty name with INVALID_COOKIE_NAME', () => {
      expect(thrown(() => serializeCookie('', 'v')).code).toBe('INVALID_COOKIE_NAME')
    })
  })

  describe('values', () => {
    it('refuses a lone surrogate with INVALID_COOKIE_VALUE', () => {
      const error = thrown(() => serializeCookie('a', 'x\uD800y'))
      expect(error.code).toBe('INVALID_COOKIE_VALUE')
      expect(error.details).toEqual({ index: 1 })
    })

    it.each(['abc', '%41', 'a=b', '"quoted"', '""', ''])(
      'sends the raw value %j as given with encode: false',
      (value) => {
        expect(serializeCookie('a', value, { encode: false })).toBe(`a=${value}`)
      },
    )

    it.each([...CONTROLS, ' ', '"', ',', ';', '\\', 'é'])(
      'refuses %j in a raw value with INVALID_COOKIE_VALUE',
      (char) => {
        const error = thrown(() => serializeCookie('a', `x${char}y`, { encode: false }))
        expect(error.code).toBe('INVALID_COOKIE_VALUE')
      },
    )

    it.each(['"a', 'a"', '"a"b"'])(
      'refuses the unbalanced raw quoting %j with INVALID_COOKIE_VALUE',
      (value) => {
        expect(thrown(() => serializeCookie('a', value, { encode: false })).code).toBe(
          'INVALID_COOKIE_VALUE',
        )
      },
    )
  })

  describe('size', () => {
    it('accepts a name plus value of exactly 4096 bytes', () => {
      expect(serializeCookie('a', 'b'.repeat(4095))).toHaveLength(4097)
    })

    it('refuses a name plus value over 4096 bytes with COOKIE_TOO_LARGE', () => {
      const error = thrown(() => serializeCookie('ab', 'c'.repeat(4095)))
      expect(error.code).toBe('COOKIE_TOO_LARGE')
      expect(error.details).toEqual({ size: 4097, limit: 4096 })
    })

    it('counts the value after encoding', () => {
      // Each é is two UTF-8 bytes, each written as %XX: six characters on the wire.
      const error = thrown(() => serializeCookie('a', 'é'.repeat(700)))
      expect(error.details).toEqual({ size: 4201, limit: 4096 })
    })

    it('accepts a path of exactly 1024 bytes', () => {
      const path = `/${'p'.repeat(1023)}`
      expect(serializeCookie('a', 'b', { path })).toContain(path)
    })

    it.each(['domain', 'path'] as const)(
      'refuses a %s over 1024 bytes with ATTRIBUTE_TOO_LARGE',
      (attribute) => {
        const value = attribute === 'path' ? `/${'p'.repeat(1024)}` : 'd'.repeat(1025)
        const error = thrown(() => serializeCookie('a', 'b', { [attribute]: value }))
        expect(error.code).toBe('ATTRIBUTE_TOO_LARGE')
        expect(error.details).toEqual({ attribute, size: 1025, limit: 1024 })
      },
    )
  })

  describe('domain and path', () => {
    const cases = ['domain', 'path'].flatMap((attribute) =>
      [...CONTROLS, ';', 'é', '\u2028'].map((char) => [attribute, char] as const),
    )

    it.each(cases)('refuses a %s holding %j with INVALID_ATTRIBUTE', (attribute, char) => {
      const error = thrown(() => serializeCookie('a', 'b', { [attribute]: `/x${char}y` }))
      expect(error.code).toBe('INVALID_ATTRIBUTE')
      expect(error.details).toEqual({ attribute })
    })

    it.each([
      ['domain', ' example.com'],
      ['domain', 'example.com '],
      ['path', '/app '],
    ] as const)('refuses a %s of %j, which a browser would trim', (attribute, value) => {
      const error = thrown(() => serializeCookie('a', 'b', { [attribute]: value }))
      expect(error.code).toBe('INVALID_ATTRIBUTE')
      expect(error.details).toEqual({ attribute })
    })

    it('refuses an empty domain with INVALID_ATTRIBUTE', () => {
      expect(thrown(() => serializeCookie('a', 'b', { domain: '' })).details).toEqual({
        attribute: 'domain',
      })
    })

    it.each(['', 'app', 'app/'])('refuses the path %j, which lacks a leading /', (path) => {
      const error = thrown(() => serializeCookie('a', 'b', { path }))
      expect(error.code).toBe('INVALID_ATTRIBUTE')
      expect(error.details).toEqual({ attribute: 'path' })
    })

    // A host name (RFC 1034 §3.5, RFC 1123 §2.1): labels of letters, digits and inner hyphens,
    // 1–63 characters each, 253 in all; or an IPv4 address in dotted decimal.
    const label63 = `a${'b'.repeat(61)}c`
    const longest = `${[label63, label63, label63].join('.')}.${'d'.repeat(61)}`

    it.each([
      'example.com',
      '.example.com',
      'EXAMPLE.Com',
      'localhost',
      'x',
      'a-b.example',
      'a--b.example',
      'xn--bcher-kva.example',
      '1example.com',
      '123.example.com',
      'example.c0m',
      `${label63}.com`,
      longest,
      `.${longest}`,
      '127.0.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '10.0.0.1',
    ])('accepts the domain %j', (domain) => {
      expect(serializeCookie('a', 'b', { domain })).toBe(`a=b; Domain=${domain}`)
    })

    it('accepts every host name fast-check generates, with or without a leading dot', () => {
      fc.assert(
        fc.property(fc.domain(), fc.boolean(), (name, dotted) => {
          const domain = dotted ? `.${name}` : name
          expect(serializeCookie('a', 'b', { domain })).toBe(`a=b; Domain=${domain}`)
        }),
        { numRuns: 2_000 },
      )
    })

    it('accepts every IPv4 address in dotted decimal', () => {
      fc.assert(
        fc.property(fc.ipV4(), (domain) => {
          expect(serializeCookie('a', 'b', { domain })).toBe(`a=b; Domain=${domain}`)
        }),
        { numRuns: 2_000 },
      )
    })

    it.each([
      ['exa mple.com', 'a space'],
      ['"example.com"', 'quotes'],
      ["'example.com'", 'single quotes'],
      ['example.com"', 'a trailing quote'],
      ['exa_mple.com', 'an underscore'],
      ['example.com:8080', 'a port'],
      ['user@example.com', 'user info'],
      ['example.com/app', 'a path'],
      ['*.example.com', 'a wildcard'],
      ['ex%61mple.com', 'a percent escape'],
      ['ex,ample.com', 'a comma'],
      ['.', 'a lone dot'],
      ['..example.com', 'two leading dots'],
      ['example..com', 'an empty label'],
      ['example.com.', 'a trailing dot'],
      ['-example.com', 'a label starting with a hyphen'],
      ['example-.com', 'a label ending with a hyphen'],
      ['a.-b.com', 'an inner label starting with a hyphen'],
      [`${label63}x.com`, 'a label of 64 characters'],
      [`${longest}e`, 'a name of 254 characters'],
      [`.${longest}e`, 'a name of 254 characters after a leading dot'],
      ['example.123', 'a numeric last label that is no IPv4 address'],
      ['1.2.3', 'three numbers'],
      ['1.2.3.4.5', 'five numbers'],
      ['256.1.1.1', 'a number over 255'],
      ['01.2.3.4', 'a leading zero, which the URL Standard reads as octal'],
      ['example.0x1f', 'a hexadecimal last label'],
      ['0x7f.0.0.1', 'a hexadecimal IPv4 part'],
      ['.127.0.0.1', 'an IPv4 address with a leading dot'],
      ['[::1]', 'a bracketed IPv6 address'],
      ['::1', 'an IPv6 address'],
      ['[2001:db8::1]', 'a bracketed IPv6 address with a prefix'],
    ])('refuses the domain %j (%s) with INVALID_ATTRIBUTE', (domain) => {
      const error = thrown(() => serializeCookie('a', 'b', { domain }))
      expect(error.code).toBe('INVALID_ATTRIBUTE')
      expect(error.details).toEqual({ attribute: 'domain' })
    })

    it('accepts a domain with a leading dot and a path with inner spaces', () => {
      expect(serializeCookie('a', 'b', { domain: '.example.com', path: '/my app' })).toBe(
        'a=b; Domain=.example.com; Path=/my app',
      )
    })
  })

  describe('lifetime', () => {
    const now = Date.UTC(2026, 0, 1)
    beforeEach(() => {
      vi.useFakeTimers({ now })
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('accepts a maxAge of exactly 400 days', () => {
      expect(serializeCookie('a', 'b', { maxAge: 400 * DAY })).toBe('a=b; Max-Age=34560000')
    })

    it('refuses a maxAge over 400 days with LIFETIME_TOO_LONG', () => {
      const error = thrown(() => serializeCookie('a', 'b', { maxAge: 400 * DAY + 1 }))
      expect(error.code).toBe('LIFETIME_TOO_LONG')
      expect(error.details).toEqual({ attribute: 'maxAge', seconds: 34_560_001, limit: 34_560_000 })
    })

    it.each([0, -1, -0])('accepts the deleting maxAge %d', (maxAge) => {
      expect(serializeCookie('a', 'b', { maxAge })).toBe(`a=b; Max-Age=${maxAge === 0 ? 0 : -1}`)
    })

    it.each([
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      2 ** 53,
      -(2 ** 53),
    ])('refuses the maxAge %d with INVALID_ATTRIBUTE', (maxAge) => {
      const error = thrown(() => serializeCookie('a', 'b', { maxAge }))
      expect(error.code).toBe('INVALID_ATTRIBUTE')
      expect(error.details).toMatchObject({ attribute: 'maxAge' })
    })

    it('accepts an expires exactly 400 days ahead', () => {
      const expires = new Date(now + 400 * DAY * 1000)
      expect(serializeCookie('a', 'b', { expires })).toBe(
        'a=b; Expires=Fri, 05 Feb 2027 00:00:00 GMT',
      )
    })

    it('refuses an expires more than 400 days ahead with LIFETIME_TOO_LONG', () => {
      const expires = new Date(now + (400 * DAY + 1) * 1000)
      const error = thrown(() => serializeCookie('a', 'b', { expires }))
      expect(error.code).toBe('LIFETIME_TOO_LONG')
      expect(error.details).toEqual({
        attribute: 'expires',
        seconds: 34_560_001,
        limit: 34_560_000,
      })
    })

    it('accepts an expires in the past, which deletes the cookie', () => {
      expect(serializeCookie('a', '', { expires: new Date(0) })).toBe(
        'a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      )
    })

    it('refuses an expires before 1601, whose date a browser cannot parse', () => {
      const error = thrown(() => serializeCookie('a', 'b', { expires: new Date('1600-12-31') }))
      expect(error.code).toBe('INVALID_ATTRIBUTE')
      expect(error.details).toEqual({ attribute: 'expires' })
    })

    it('formats expires from the time itself, not from an overridden toUTCString', () => {
      const expires = new Date(Date.UTC(2026, 0, 2, 3, 4, 5))
      expires.toUTCString = () => 'Fri, 02 Jan 2026 03:04:05 GMT; Domain=evil.com'
      expect(serializeCookie('a', 'b', { expires })).toBe(
        'a=b; Expires=Fri, 02 Jan 2026 03:04:05 GMT',
      )
    })

    it('reads the time of expires from the Date, not from an overridden getTime', () => {
      const expires = new Date(Date.UTC(2026, 0, 2, 3, 4, 5))
      expires.getTime = () => Number.NaN
      expect(serializeCookie('a', 'b', { expires })).toBe(
        'a=b; Expires=Fri, 02 Jan 2026 03:04:05 GMT',
      )
    })

    it('formats a Date subclass whose toUTCString lies from its time', () => {
      class Evil extends Date {
        override toUTCString(): string {
          return 'Thu, 01 Jan 1970 00:00:00 GMT; Domain=evil.com'
        }
      }
      expect(serializeCookie('a', 'b', { expires: new Evil(Date.UTC(2025, 11, 31)) })).toBe(
        'a=b; Expires=Wed, 31 Dec 2025 00:00:00 GMT',
      )
    })

    it('refuses an invalid Date as expires with INVALID_ATTRIBUTE', () => {
      const error = thrown(() => serializeCookie('a', 'b', { expires: new Date(Number.NaN) }))
      expect(error.code).toBe('INVALID_ATTRIBUTE')
      expect(error.details).toEqual({ attribute: 'expires' })
    })
  })

  describe('enumerations', () => {
    it.each(['Lax', 'LAX', 'yes', ''])(
      'refuses the sameSite %j with INVALID_ATTRIBUTE',
      (value) => {
        const error = thrown(() =>
          serializeCookie('a', 'b', { sameSite: value as CookieAttributes['sameSite'] }),
        )
        expect(error.code).toBe('INVALID_ATTRIBUTE')
        expect(error.details).toEqual({ attribute: 'sameSite', value })
      },
    )

    it.each(['High', 'urgent', ''])('refuses the priority %j with INVALID_ATTRIBUTE', (value) => {
      const error = thrown(() =>
        serializeCookie('a', 'b', { priority: value as CookieAttributes['priority'] }),
      )
      expect(error.code).toBe('INVALID_ATTRIBUTE')
      expect(error.details).toEqual({ attribute: 'priority', value })
    })
  })

  describe('option types', () => {
    // A value of the wrong type is a caller's mistake, refused as INVALID_OPTION; a value of the
    // right type that makes no valid attribute is INVALID_ATTRIBUTE (the tables above).
    const flags = ['httpOnly', 'secure', 'partitioned', 'encode']
    const wrongTypes: [string, string, unknown][] = [
      ...flags.flatMap((option) =>
        ['yes', 'false', 1, 0, '', null].map((value): [string, string, unknown] => [
          option,
          JSON.stringify(value),
          value,
        ]),
      ),
      ['httpOnly', 'an object', {}],
      ['secure', 'an array', []],
      ['sameSite', 'true', true],
      ['sameSite', 'a number', 1],
      ['sameSite', 'null', null],
      ['priority', 'a number', 2],
      ['priority', 'null', null],
      ['maxAge', 'a string of digits', '60'],
      ['maxAge', 'a bigint', 60n],
      ['maxAge', 'null', null],
      ['maxAge', 'true', true],
      ['domain', 'a number', 42],
      ['domain', 'null', null],
      ['path', 'a number', 42],
      ['path', 'null', null],
      ['expires', 'a date string', 'Thu, 01 Jan 1970 00:00:00 GMT'],
      ['expires', 'a number', 0],
      ['expires', 'null', null],
      ['expires', 'an object with getTime', { getTime: () => 0 }],
      ['expires', 'an object tagged Date', { [Symbol.toStringTag]: 'Date', getTime: () => 0 }],
    ]

    it.each(wrongTypes)('refuses %s: %s with INVALID_OPTION', (option, _, value) => {
      const error = thrown(() =>
        serializeCookie('a', 'b', { secure: true, [option]: value } as CookieAttributes),
      )
      expect(error.code).toBe('INVALID_OPTION')
      expect(error.details).toEqual({ option })
    })

    it.each([null, 'HttpOnly', 42, true])(
      'refuses the attributes %o with INVALID_OPTION',
      (value) => {
        const error = thrown(() => serializeCookie('a', 'b', value as CookieAttributes))
        expect(error.code).toBe('INVALID_OPTION')
        expect(error.details).toEqual({ option: 'attributes' })
      },
    )

    it.each([
      ['httpOnly', false],
      ['secure', false],
      ['partitioned', false],
      ['encode', true],
      ['domain', undefined],
      ['sameSite', undefined],
      ['maxAge', undefined],
      ['expires', undefined],
    ])('accepts %s: %j', (option, value) => {
      expect(serializeCookie('a', 'b', { [option]: value })).toBe('a=b')
    })
  })

  describe('secure requirements', () => {
    it('refuses sameSite none without secure with SAMESITE_NONE_REQUIRES_SECURE', () => {
      // @ts-expect-error sameSite: 'none' requires secure: true
      const error = thrown(() => serializeCookie('a', 'b', { sameSite: 'none' }))
      expect(error.code).toBe('SAMESITE_NONE_REQUIRES_SECURE')
    })

    it('refuses partitioned without secure with PARTITIONED_REQUIRES_SECURE', () => {
      // @ts-expect-error partitioned: true requires secure: true
      const error = thrown(() => serializeCookie('a', 'b', { partitioned: true, secure: false }))
      expect(error.code).toBe('PARTITIONED_REQUIRES_SECURE')
    })

    it('checks attributes typed wider than literals at run time', () => {
      const attributes: CookieAttributes = { sameSite: 'none' }
      expect(thrown(() => serializeCookie('a', 'b', attributes)).code).toBe(
        'SAMESITE_NONE_REQUIRES_SECURE',
      )
    })
  })

  describe('prefixes', () => {
    const secureSpellings = ['__Secure-', '__secure-', '__SECURE-', '__sEcUrE-']
    const hostSpellings = ['__Host-', '__host-', '__HOST-', '__hOsT-']

    it.each([...secureSpellings, ...hostSpellings])(
      'refuses %sid without secure with PREFIX_REQUIRES_SECURE',
      (prefix) => {
        const name: string = `${prefix}id`
        for (const attributes of [undefined, {}, { secure: false }]) {
          const error = thrown(() => serializeCookie(name, 'v', attributes))
          expect(error.code).toBe('PREFIX_REQUIRES_SECURE')
          expect(error.details).toEqual({
            prefix: prefix.length === 9 ? '__Secure-' : '__Host-',
          })
        }
      },
    )

    it.each(secureSpellings)('accepts %sid with secure, any domain and path', (prefix) => {
      const name: string = `${prefix}id`
      expect(serializeCookie(name, 'v', { secure: true, domain: 'example.com', path: '/a' })).toBe(
        `${name}=v; Domain=example.com; Path=/a; Secure`,
      )
    })

    it.each(hostSpellings)('refuses %sid with a domain with HOST_PREFIX_DOMAIN', (prefix) => {
      const name: string = `${prefix}id`
      const error = thrown(() => serializeCookie(name, 'v', { secure: true, domain: 'a.com' }))
      expect(error.code).toBe('HOST_PREFIX_DOMAIN')
      expect(error.details).toEqual({ domain: 'a.com' })
    })

    it.each(hostSpellings)(
      'refuses %sid with a path other than / with HOST_PREFIX_PATH',
      (prefix) => {
        const name: string = `${prefix}id`
        const error = thrown(() => serializeCookie(name, 'v', { secure: true, path: '/app' }))
        expect(error.code).toBe('HOST_PREFIX_PATH')
        expect(error.details).toEqual({ path: '/app' })
      },
    )

    it.each(hostSpellings)('gives %sid Path=/ when no path is set', (prefix) => {
      const name: string = `${prefix}id`
      expect(serializeCookie(name, 'v', { secure: true })).toBe(`${name}=v; Path=/; Secure`)
      expect(serializeCookie(name, 'v', { secure: true, path: '/' })).toBe(
        `${name}=v; Path=/; Secure`,
      )
    })

    it.each(['_Secure-id', '__Securex', '__Host', 'x__Host-id', '__Hostess-id'])(
      'treats %s as an unprefixed name',
      (name) => {
        expect(serializeCookie(name, 'v')).toBe(`${name}=v`)
      },
    )
  })

  describe('types', () => {
    it('rejects a __Host- or __Secure- name without secure: true at compile time', () => {
      // @ts-expect-error a __Host- cookie requires secure: true
      expect(thrown(() => serializeCookie('__Host-id', 'v', { secure: false })).code).toBe(
        'PREFIX_REQUIRES_SECURE',
      )
      // @ts-expect-error a __Host- cookie requires its attributes
      expect(thrown(() => serializeCookie('__Host-id', 'v')).code).toBe('PREFIX_REQUIRES_SECURE')
      // @ts-expect-error a __Secure- cookie requires secure: true
      expect(thrown(() => serializeCookie('__Secure-id', 'v', { httpOnly: true })).code).toBe(
        'PREFIX_REQUIRES_SECURE',
      )
      // @ts-expect-error prefixes match case-insensitively at the type level too
      expect(thrown(() => serializeCookie('__secure-id', 'v', {})).code).toBe(
        'PREFIX_REQUIRES_SECURE',
      )
    })

    it('rejects a __Host- name with a domain or another path at compile time', () => {
      expect(
        // @ts-expect-error a __Host- cookie must not have a domain
        thrown(() => serializeCookie('__Host-id', 'v', { secure: true, domain: 'x' })).code,
      ).toBe('HOST_PREFIX_DOMAIN')
      expect(
        // @ts-expect-error a __Host- cookie must have path '/'
        thrown(() => serializeCookie('__HOST-id', 'v', { secure: true, path: '/a' })).code,
      ).toBe('HOST_PREFIX_PATH')
    })

    it('rejects sameSite none or partitioned without secure: true at compile time', () => {
      const isProduction = Math.random() > 2
      expect(
        // @ts-expect-error a boolean secure may be false
        thrown(() => serializeCookie('a', 'b', { sameSite: 'none', secure: isProduction })).code,
      ).toBe('SAMESITE_NONE_REQUIRES_SECURE')
      // @ts-expect-error partitioned: true requires secure: true
      expect(thrown(() => serializeCookie('a', 'b', { partitioned: true })).code).toBe(
        'PARTITIONED_REQUIRES_SECURE',
      )
    })

    it('accepts ordinary attributes, shared objects and names typed as string', () => {
      const isProduction = Math.random() > 2
      const shared: CookieAttributes = { httpOnly: true, sameSite: 'lax', path: '/' }
      const defaults = {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
      } as const satisfies CookieAttributes
      const name: string = 'dynamic'
      expect(serializeCookie('a', 'b', { secure: isProduction, sameSite: 'lax' })).toBe(
        'a=b; SameSite=Lax',
      )
      expect(serializeCookie('a', 'b', shared)).toBe('a=b; Path=/; HttpOnly; SameSite=Lax')
      expect(serializeCookie(name, 'b', shared)).toBe('dynamic=b; Path=/; HttpOnly; SameSite=Lax')
      expect(serializeCookie('__Host-id', 'v', { ...defaults, secure: true })).toBe(
        '__Host-id=v; Path=/; HttpOnly; Secure; SameSite=Lax',
      )
    })
  })
})
