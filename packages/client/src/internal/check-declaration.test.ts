import { describe, expect, it } from 'vitest'
import { enumCodec } from '../codecs/enum-codec.js'
import { stringCodec } from '../codecs/string-codec.js'
import type { CookieDeclaration } from '../jar/cookie-schema.js'
import { checkDeclaration } from './check-declaration.js'

const codec = stringCodec()

describe('checkDeclaration', () => {
  it.each([
    ['a name with a space', 'a b', {}, 'INVALID_COOKIE_NAME'],
    ['a name with %', 'a%b', {}, 'INVALID_COOKIE_NAME'],
    ['an empty name', '', {}, 'INVALID_COOKIE_NAME'],
    ['the session cookie', 'Session', {}, 'INVALID_COOKIE_NAME'],
    [
      'an Object.prototype member, which js-cookie cannot read',
      'toString',
      {},
      'INVALID_COOKIE_NAME',
    ],
    ['__proto__', '__proto__', {}, 'INVALID_COOKIE_NAME'],
    ['a codec without decode', 'a', { codec: { encode: () => '' } }, 'INVALID_OPTION'],
    ['a default the codec refuses', 'a', { default: 5 }, 'INVALID_OPTION'],
    ['an enum codec with no values', 'a', { codec: enumCodec([] as never) }, 'INVALID_OPTION'],
    ['an enum codec with a number', 'a', { codec: enumCodec([1] as never) }, 'INVALID_OPTION'],
    ['httpOnly', 'a', { attributes: { httpOnly: false } }, 'INVALID_ATTRIBUTE'],
    ['a path without /', 'a', { attributes: { path: 'app' } }, 'INVALID_ATTRIBUTE'],
    ['a path with ;', 'a', { attributes: { path: '/a;b' } }, 'INVALID_ATTRIBUTE'],
    ['a domain with CR', 'a', { attributes: { domain: 'a\r.example' } }, 'INVALID_ATTRIBUTE'],
    ['an empty domain', 'a', { attributes: { domain: '' } }, 'INVALID_ATTRIBUTE'],
    ['a long path', 'a', { attributes: { path: `/${'p'.repeat(1024)}` } }, 'ATTRIBUTE_TOO_LARGE'],
    [
      'an invalid Date',
      'a',
      { attributes: { expires: new Date(Number.NaN) } },
      'INVALID_ATTRIBUTE',
    ],
    ['a fractional maxAge', 'a', { attributes: { maxAge: 1.5 } }, 'INVALID_ATTRIBUTE'],
    ['a maxAge over 400 days', 'a', { attributes: { maxAge: 34_560_001 } }, 'LIFETIME_TOO_LONG'],
    ['an unknown sameSite', 'a', { attributes: { sameSite: 'Lax' } }, 'INVALID_ATTRIBUTE'],
    ['an unknown priority', 'a', { attributes: { priority: 'urgent' } }, 'INVALID_ATTRIBUTE'],
  ])('throws for %s', (_, name, declaration, code) => {
    expect(() =>
      checkDeclaration(name, { codec, ...declaration } as unknown as CookieDeclaration),
    ).toThrow(expect.objectContaining({ code, details: expect.objectContaining({ name }) }))
  })

  it.each([
    ['a bare declaration', 'theme', {}],
    ['an enum codec', 'theme', { codec: enumCodec(['light', 'dark']), default: 'dark' }],
    ['every attribute', '__Host-x', { attributes: { secure: true, path: '/', maxAge: 0 } }],
    ['a token with symbols', "a!#$&'*+-.^_`|~1", {}],
    ['a name that merely contains session', 'session_hint', {}],
    ['an Object.prototype member in another case', 'ToString', {}],
  ])('accepts %s', (_, name, declaration) => {
    expect(() => checkDeclaration(name, { codec, ...declaration })).not.toThrow()
  })
})
