import { parseCookie } from '@crumbs/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { enumCodec } from '../codecs/enum-codec.js'
import { integerCodec } from '../codecs/integer-codec.js'
import { jsonCodec } from '../codecs/json-codec.js'
import { stringCodec } from '../codecs/string-codec.js'
import { checkCookieSchema } from './check-cookie-schema.js'
import { defineCookies } from './define-cookies.js'
import { fromCookieHeader } from './from-cookie-header.js'
import { getCookie } from './get-cookie.js'
import { removeCookie } from './remove-cookie.js'
import { setCookie } from './set-cookie.js'
import { subscribeCookie } from './subscribe-cookie.js'

const schema = {
  theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
  visits: { codec: integerCodec({ min: 0 }), attributes: { path: '/' } },
  user: { codec: stringCodec(), readOnly: true },
} as const

afterEach(() => {
  for (const name of parseCookie(document.cookie).keys()) {
    // biome-ignore lint/suspicious/noDocumentCookie: the test clears what it wrote
    document.cookie = `${name}=; Path=/; Max-Age=0`
  }
})

describe('defineCookies and the cookie functions', () => {
  it('get, set and remove typed values', () => {
    const cookies = defineCookies(schema, { onInvalid: () => {} })
    expect(getCookie(cookies, 'theme')).toBe('light')
    expect(setCookie(cookies, 'theme', 'dark')).toEqual({ ok: true })
    expect(setCookie(cookies, 'visits', 7)).toEqual({ ok: true })
    expect(getCookie(cookies, 'theme')).toBe('dark')
    expect(getCookie(cookies, 'visits')).toBe(7)
    expect(removeCookie(cookies, 'visits')).toEqual({ ok: true })
    expect(getCookie(cookies, 'visits')).toBeUndefined()
  })

  it('report an invalid value once to the declared onInvalid', () => {
    const onInvalid = vi.fn()
    const cookies = defineCookies(schema, { onInvalid })
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays another script
    document.cookie = 'theme=blue; Path=/'
    expect(getCookie(cookies, 'theme')).toBe('light')
    expect(getCookie(cookies, 'theme')).toBe('light')
    expect(onInvalid.mock.calls).toEqual([[{ name: 'theme', value: 'blue' }]])
  })

  it('warn on the console with the event when no onInvalid is given', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays another script
    document.cookie = 'theme=blue; Path=/'
    expect(getCookie(defineCookies(schema), 'theme')).toBe('light')
    expect(warn.mock.calls).toEqual([[{ name: 'theme', value: 'blue' }]])
    warn.mockRestore()
  })

  it('leave undeclared names and writes to read-only cookies to the types', () => {
    const cookies = defineCookies(schema)
    // @ts-expect-error not declared; at run time the lookup fails, with no CrumbsError
    expect(() => getCookie(cookies, 'nope')).toThrow(TypeError)
    // @ts-expect-error read-only; at run time nothing stops the write
    expect(setCookie(cookies, 'user', 'eve')).toEqual({ ok: true })
    expect(getCookie(cookies, 'user')).toBe('eve')
    // @ts-expect-error read-only
    expect(removeCookie(cookies, 'user')).toEqual({ ok: true })
  })

  it('return null from a codec as the value, not as absent', () => {
    const cookies = defineCookies({
      flag: {
        codec: jsonCodec((value): value is null | 1 => value === null || value === 1),
        default: 1,
      },
    })
    expect(setCookie(cookies, 'flag', null)).toEqual({ ok: true })
    expect(getCookie(cookies, 'flag')).toBeNull()
  })

  it('throw a TypeError for an asynchronous validator, reported by no onInvalid', () => {
    const onInvalid = vi.fn()
    const slow = {
      '~standard': { version: 1, vendor: 'test', validate: async () => ({ value: 'x' }) },
    } as const
    const cookies = defineCookies({ id: { codec: stringCodec(slow) } }, { onInvalid })
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server
    document.cookie = 'id=x; Path=/'
    expect(() => getCookie(cookies, 'id')).toThrow(TypeError)
    expect(() => setCookie(cookies, 'id', 'y')).toThrow(TypeError)
    expect(onInvalid).not.toHaveBeenCalled()
  })

  it('notify a subscriber of a write through the same definitions at once', () => {
    const cookies = defineCookies(schema)
    const seen: string[] = []
    const stop = subscribeCookie(cookies, 'theme', (theme) => seen.push(theme))
    setCookie(cookies, 'theme', 'dark')
    removeCookie(cookies, 'theme')
    stop()
    setCookie(cookies, 'theme', 'dark')
    expect(seen).toEqual(['dark', 'light'])
  })

  it('check the polling options on the first subscribe', () => {
    const cookies = defineCookies(schema, { pollInterval: -1 })
    expect(() => subscribeCookie(cookies, 'theme', () => {})).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', details: { option: 'pollInterval' } }),
    )
  })

  it('read a Cookie header with the same types', () => {
    const cookies = defineCookies(schema)
    const reader = fromCookieHeader(cookies, 'theme=dark; visits=3; visits=4')
    expect(reader.get('theme')).toBe('dark')
    expect(reader.get('visits')).toBe(3)
  })
})

describe('checkCookieSchema', () => {
  it('accepts a valid schema and throws the code of a mistake', () => {
    expect(() => checkCookieSchema(schema)).not.toThrow()
    expect(() => checkCookieSchema({ '__Host-a': { codec: stringCodec() } })).toThrow(
      expect.objectContaining({ code: 'PREFIX_REQUIRES_SECURE' }),
    )
  })
})
