import { describe, expect, expectTypeOf, it } from 'vitest'
import { booleanCodec } from '../codecs/boolean-codec.js'
import { dateCodec } from '../codecs/date-codec.js'
import { enumCodec } from '../codecs/enum-codec.js'
import { integerCodec } from '../codecs/integer-codec.js'
import { jsonCodec } from '../codecs/json-codec.js'
import { stringCodec } from '../codecs/string-codec.js'
import type { CookieWriteResult } from './cookie-write-result.js'
import { createCookieJar } from './create-cookie-jar.js'

const isIds = (value: unknown): value is number[] => Array.isArray(value)

// These rules are checked by `tsc` (pnpm typecheck); each `@ts-expect-error` fails the build
// if its line stops being an error. The runtime half asserts the same mistake throws.
describe('cookie schema types', () => {
  const jar = createCookieJar({
    theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
    visits: { codec: integerCodec() },
    consent: { codec: booleanCodec() },
    seen: { codec: dateCodec(), default: new Date(0) },
    ids: { codec: jsonCodec(isIds) },
    user: { codec: stringCodec(), readOnly: true },
    '__Host-pref': { codec: stringCodec(), attributes: { secure: true } },
  })

  it('types get by codec, without undefined when a default is declared', () => {
    expectTypeOf(jar.get('theme')).toEqualTypeOf<'light' | 'dark'>()
    expectTypeOf(jar.get('visits')).toEqualTypeOf<number | undefined>()
    expectTypeOf(jar.get('consent')).toEqualTypeOf<boolean | undefined>()
    expectTypeOf(jar.get('seen')).toEqualTypeOf<Date>()
    expectTypeOf(jar.get('ids')).toEqualTypeOf<number[] | undefined>()
    expectTypeOf(jar.fromHeader('').get('theme')).toEqualTypeOf<'light' | 'dark'>()
    expect(jar.get('theme')).toBe('light')
  })

  it('types set by codec and reports a result', () => {
    expectTypeOf(jar.set('theme', 'dark')).toEqualTypeOf<CookieWriteResult>()
    // @ts-expect-error a value outside the enum
    jar.set('theme', 'blue')
    // @ts-expect-error a string where the codec wants a number
    jar.set('visits', '3')
    expectTypeOf(jar.subscribe)
      .parameter(0)
      .toEqualTypeOf<'theme' | 'visits' | 'consent' | 'seen' | 'ids' | 'user' | '__Host-pref'>()
    expect(jar.set('theme', 'blue' as never)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('makes unknown names compile errors', () => {
    // @ts-expect-error not declared
    expect(() => jar.get('other')).toThrow(expect.objectContaining({ code: 'INVALID_COOKIE_NAME' }))
    // @ts-expect-error not declared
    expect(() => jar.remove('other')).toThrow(
      expect.objectContaining({ code: 'INVALID_COOKIE_NAME' }),
    )
  })

  it('keeps read-only cookies out of set and remove', () => {
    expectTypeOf(jar.get('user')).toEqualTypeOf<string | undefined>()
    // @ts-expect-error read-only
    expect(() => jar.remove('user')).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }))
  })

  it('requires a default of the codec type', () => {
    expect(() =>
      // @ts-expect-error 'blue' is not a theme
      createCookieJar({ theme: { codec: enumCodec(['light', 'dark']), default: 'blue' } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }))
  })

  it('requires secure for __Host- and __Secure- names, case-insensitively', () => {
    expect(() =>
      // @ts-expect-error no secure
      createCookieJar({ '__Secure-id': { codec: stringCodec() } }),
    ).toThrow(expect.objectContaining({ code: 'PREFIX_REQUIRES_SECURE' }))
    expect(() =>
      // @ts-expect-error secure: false
      createCookieJar({ '__host-id': { codec: stringCodec(), attributes: { secure: false } } }),
    ).toThrow(expect.objectContaining({ code: 'PREFIX_REQUIRES_SECURE' }))
  })

  it('forbids a domain and any path but / on __Host- names', () => {
    expect(() =>
      createCookieJar({
        // @ts-expect-error a domain
        '__Host-id': { codec: stringCodec(), attributes: { secure: true, domain: 'a.example' } },
      }),
    ).toThrow(expect.objectContaining({ code: 'HOST_PREFIX_DOMAIN' }))
    expect(() =>
      createCookieJar({
        // @ts-expect-error another path
        '__Host-id': { codec: stringCodec(), attributes: { secure: true, path: '/app' } },
      }),
    ).toThrow(expect.objectContaining({ code: 'HOST_PREFIX_PATH' }))
  })

  it('requires secure for SameSite=None and Partitioned', () => {
    expect(() =>
      // @ts-expect-error SameSite=None without secure
      createCookieJar({ a: { codec: stringCodec(), attributes: { sameSite: 'none' } } }),
    ).toThrow(expect.objectContaining({ code: 'SAMESITE_NONE_REQUIRES_SECURE' }))
    expect(() =>
      // @ts-expect-error Partitioned without secure
      createCookieJar({ a: { codec: stringCodec(), attributes: { partitioned: true } } }),
    ).toThrow(expect.objectContaining({ code: 'PARTITIONED_REQUIRES_SECURE' }))
    expect(
      createCookieJar({
        a: {
          codec: stringCodec(),
          attributes: { sameSite: 'none', partitioned: true, secure: true },
        },
      }).get('a'),
    ).toBeUndefined()
  })

  it('does not offer httpOnly', () => {
    expect(() =>
      // @ts-expect-error only the server can set HttpOnly
      createCookieJar({ a: { codec: stringCodec(), attributes: { httpOnly: true } } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ATTRIBUTE' }))
  })

  it('refuses a name js-cookie cannot read back', () => {
    expect(() =>
      // @ts-expect-error an Object.prototype member
      createCookieJar({ constructor: { codec: stringCodec() } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_COOKIE_NAME' }))
    expect(
      createCookieJar({ Constructor: { codec: stringCodec() } }).get('Constructor'),
    ).toBeUndefined()
  })

  it('refuses to declare the session cookie', () => {
    expect(() =>
      // @ts-expect-error the session cookie is HttpOnly
      createCookieJar({ '__Host-session': { codec: stringCodec(), attributes: { secure: true } } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_COOKIE_NAME' }))
  })
})
