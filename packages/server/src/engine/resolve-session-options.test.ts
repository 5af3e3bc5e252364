import { describe, expect, it, vi } from 'vitest'
import { codeOf } from '../../test/harness/code-of.js'
import { memoryStore } from '../stores/memory-store.js'
import { keyringOf, resolveSessionOptions } from './resolve-session-options.js'
import { SESSION_DEFAULTS, type SessionOptions } from './session-options.js'

const SECRET = 'a-test-secret-exactly-32-bytes-0'

const codeOfOptions = (options: unknown) =>
  codeOf(() => resolveSessionOptions(options as SessionOptions))

describe('resolveSessionOptions', () => {
  it('applies the secure defaults', () => {
    const options = resolveSessionOptions({ secret: SECRET })
    expect(options.cookie).toEqual({
      name: 'session',
      prefix: true,
      path: '/',
      secure: 'auto',
      httpOnly: true,
      sameSite: 'lax',
      partitioned: false,
    })
    expect(options.format).toBe('sealed')
    expect(options.maxAge).toBe(SESSION_DEFAULTS.maxAge)
    expect(options.refreshAfter).toBe(86_400)
    expect(Object.isFrozen(options)).toBe(true)
    expect(Object.isFrozen(options.cookie)).toBe(true)
  })

  it.each([
    ['no options', undefined, 'INVALID_OPTION'],
    ['no secret', {}, 'SECRET_MISSING'],
    ['an empty secret', { secret: '' }, 'SECRET_MISSING'],
    ['an empty list', { secret: [] }, 'SECRET_MISSING'],
    ['a 31-byte secret', { secret: 'x'.repeat(31) }, 'SECRET_TOO_SHORT'],
    ['a short fallback', { secret: [SECRET, 'short'] }, 'SECRET_TOO_SHORT'],
    ['a non-string secret', { secret: [SECRET, 42] }, 'INVALID_OPTION'],
    ['an unknown format', { secret: SECRET, format: 'jwt' }, 'INVALID_OPTION'],
    [
      'a format with a store',
      { secret: SECRET, format: 'signed', store: memoryStore() },
      'INVALID_OPTION',
    ],
    ['a store without its methods', { secret: SECRET, store: {} }, 'INVALID_OPTION'],
    [
      'a cookie name with a space',
      { secret: SECRET, cookie: { name: 'my session' } },
      'INVALID_OPTION',
    ],
    ['a prefixed cookie name', { secret: SECRET, cookie: { name: '__Host-s' } }, 'INVALID_OPTION'],
    [
      'SameSite=None without Secure',
      { secret: SECRET, cookie: { sameSite: 'none', secure: false } },
      'INVALID_OPTION',
    ],
    [
      'Partitioned without Secure',
      { secret: SECRET, cookie: { partitioned: true, secure: false } },
      'INVALID_OPTION',
    ],
    ['a fractional maxAge', { secret: SECRET, maxAge: 1.5 }, 'INVALID_OPTION'],
    ['a maxAge over 400 days', { secret: SECRET, maxAge: 400 * 86_400 + 1 }, 'INVALID_OPTION'],
    ['a negative idleTimeout', { secret: SECRET, idleTimeout: -1 }, 'INVALID_OPTION'],
    ['a string trustProxy', { secret: SECRET, trustProxy: 'yes' }, 'INVALID_OPTION'],
    ['a non-function onInvalid', { secret: SECRET, onInvalid: 'log' }, 'INVALID_OPTION'],
    ['a secret of one repeated character', { secret: 'a'.repeat(32) }, 'SECRET_WEAK'],
    [
      'allowWeakFlaskSecret outside the Flask format',
      { secret: 'mysecretkey', allowWeakFlaskSecret: true },
      'INVALID_OPTION',
    ],
    [
      'a weak Flask secret without allowWeakFlaskSecret',
      { secret: 'mysecretkey', format: 'flask' },
      'SECRET_TOO_SHORT',
    ],
    ['a weak fallback secret', { secret: [SECRET, 'password'.repeat(4)] }, 'SECRET_WEAK'],
  ])('refuses %s at start-up', (_, options, code) => {
    expect(codeOfOptions(options)).toBe(code)
  })

  it.each([
    ['resave', { resave: false }, 'resave'],
    ['saveUninitialized', { saveUninitialized: false }, 'saveUninitialized'],
    [
      "express-session's cookie.maxAge (milliseconds)",
      { cookie: { maxAge: 86_400_000 } },
      'cookie.maxAge',
    ],
    ["iron-session's password", { password: 'x' }, 'password'],
    ['a misspelt option', { idleTimout: 60 }, 'idleTimout'],
  ])('refuses %s at start-up with INVALID_OPTION, naming it', (_, extra, option) => {
    const attempt = () => resolveSessionOptions({ secret: SECRET, ...extra } as SessionOptions)
    expect(codeOf(attempt)).toBe('INVALID_OPTION')
    expect(attempt).toThrow(expect.objectContaining({ details: { option } }))
  })

  it('keys crumbs’ own signed cookies with the strong secrets only, under allowWeakFlaskSecret', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const weakOnly = resolveSessionOptions({
      secret: 'mysecretkey',
      format: 'flask',
      allowWeakFlaskSecret: true,
    })
    expect(weakOnly.keys).toBeUndefined()
    expect(codeOf(() => keyringOf(weakOnly))).toBe('SECRET_WEAK')
    const rotating = resolveSessionOptions({
      secret: [SECRET, 'mysecretkey'],
      format: 'flask',
      allowWeakFlaskSecret: true,
    })
    expect(rotating.keys?.size).toBe(1)
    expect(warn).toHaveBeenCalledTimes(2)
    warn.mockRestore()
  })

  it('counts secret length in UTF-8 bytes', () => {
    expect(codeOfOptions({ secret: 'àáâãäåæçèéêëìíîï' })).toBeUndefined()
    expect(codeOfOptions({ secret: 'é'.repeat(15) })).toBe('SECRET_TOO_SHORT')
  })

  it('tells how to generate a secret when one is missing', () => {
    try {
      resolveSessionOptions({} as SessionOptions)
      expect.unreachable()
    } catch (error) {
      expect((error as Error).message).toMatch(/randomBytes\(32\)/)
    }
  })

  it('turns timeouts off with 0 and keeps refreshes below the idle timeout', () => {
    const options = resolveSessionOptions({ secret: SECRET, idleTimeout: 600, absoluteTimeout: 0 })
    expect(options.absoluteTimeout).toBe(0)
    expect(options.refreshAfter).toBe(300)
  })
})
