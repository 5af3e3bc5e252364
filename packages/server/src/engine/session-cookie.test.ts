import {
  type CookieAttributes,
  createKeyring,
  encodeCookieValue,
  MAX_COOKIE_BYTES,
  type SessionRecord,
  serializeCookie,
} from '@crumbs/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf } from '../../test/harness/code-of.js'
import { flaskSessionCodec } from '../codecs/flask-session-codec.js'
import { sealedCodec } from '../codecs/sealed-codec.js'
import type { SessionCodec } from '../codecs/session-codec.js'
import { signedCodec } from '../codecs/signed-codec.js'
import { SessionCookie } from './session-cookie.js'

const SECRET = 'session-cookie-test-secret-0123456789abcdef'

/** Every attribute set a session cookie can be configured with, on each scheme. */
const attributeSets = fc.record(
  {
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    path: fc.constantFrom('/', '/app', '/a b/c'),
    domain: fc.constantFrom(undefined, 'example.com', 'sub.example.org'),
    sameSite: fc.constantFrom('lax', 'strict', 'none'),
    partitioned: fc.boolean(),
    priority: fc.constantFrom(undefined, 'low', 'medium', 'high'),
  },
  { requiredKeys: ['secure', 'httpOnly', 'path', 'sameSite'] },
)

const cookieValues = fc.stringMatching(/^[A-Za-z0-9_.-]{0,300}$/)

describe('SessionCookie', () => {
  it('writes the same lines as serializeCookie, with and without a lifetime', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('session', 'sid', '__Host-session', '__Secure-session'),
        attributeSets,
        cookieValues,
        fc.option(fc.integer({ min: 0, max: 34_560_000 }), { nil: undefined }),
        (name, raw, value, maxAge) => {
          const attributes = raw as CookieAttributes
          let expected: string
          try {
            expected = serializeCookie(name, value, { ...attributes, maxAge })
          } catch {
            // Attributes no browser keeps (SameSite=None without Secure, a prefix rule): refused
            // when the cookie is made, with the serializer's code.
            const refused = codeOf(() => serializeCookie(name, '', attributes))
            expect(refused).toBeDefined()
            const cookie = new SessionCookie(name, attributes)
            expect(codeOf(() => cookie.line(value, maxAge))).toBe(refused)
            expect(codeOf(() => cookie.expired)).toBe(refused)
            return
          }
          const cookie = new SessionCookie(name, attributes)
          expect(cookie.name).toBe(name)
          expect(cookie.line(value, maxAge)).toBe(expected)
          expect(cookie.expired).toBe(
            serializeCookie(name, '', { ...attributes, expires: new Date(0), maxAge: 0 }),
          )
        },
      ),
    )
  })

  it('takes a value up to 4096 bytes with its name and refuses one byte more with its size', () => {
    const cookie = new SessionCookie('session', { path: '/', secure: true, sameSite: 'lax' })
    const fits = 'a'.repeat(MAX_COOKIE_BYTES - 'session'.length)
    expect(cookie.line(fits)).toBe(`session=${fits}; Path=/; Secure; SameSite=Lax`)
    let error: unknown
    try {
      cookie.line(`${fits}b`, 60)
    } catch (caught) {
      error = caught
    }
    expect(error).toMatchObject({
      code: 'COOKIE_TOO_LARGE',
      details: { size: MAX_COOKIE_BYTES + 1, limit: MAX_COOKIE_BYTES },
    })
  })
})

const flashes = fc.array(
  fc.record({ category: fc.string(), message: fc.string({ unit: 'grapheme' }) }),
  { maxLength: 3 },
)
const records: fc.Arbitrary<SessionRecord> = fc.record(
  {
    data: fc.dictionary(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 4 },
    ) as fc.Arbitrary<Record<string, unknown>>,
    createdAt: fc.integer({ min: 0, max: 2 ** 31 }),
    touchedAt: fc.integer({ min: 0, max: 2 ** 31 }),
    permanent: fc.boolean(),
    flashes,
    csrf: fc.string(),
  },
  { requiredKeys: ['data', 'createdAt', 'touchedAt', 'permanent'] },
)

describe.each<[string, SessionCodec]>([
  ['sealed', sealedCodec(createKeyring(SECRET))],
  ['signed', signedCodec(createKeyring(SECRET))],
  ['flask', flaskSessionCodec([SECRET], 86_400, false)],
])('the %s codec', (_format, codec) => {
  it('writes values that need no encoding in a cookie, as SessionCookie.line expects', () => {
    fc.assert(
      fc.property(records, (record) => {
        const value = codec.encode(record, 'session', record.touchedAt + 60) as string
        expect(value).toMatch(/^[A-Za-z0-9_.-]+$/)
        expect(encodeCookieValue(value)).toBe(value)
      }),
      { numRuns: 200 },
    )
  })
})
