import { parseCookie, serializeCookie } from '@crumbs/core'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { booleanCodec } from '../codecs/boolean-codec.js'
import { enumCodec } from '../codecs/enum-codec.js'
import { integerCodec } from '../codecs/integer-codec.js'
import { jsonCodec } from '../codecs/json-codec.js'
import { stringCodec } from '../codecs/string-codec.js'
import { createCookieJar } from './create-cookie-jar.js'

const isList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

const schema = {
  theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
  name: { codec: stringCodec() },
  visits: { codec: integerCodec({ min: 0 }), default: 0, attributes: { maxAge: 3600 } },
  consent: { codec: booleanCodec() },
  tags: { codec: jsonCodec(isList) },
  scoped: { codec: stringCodec(), attributes: { path: '/app' } },
  user: { codec: stringCodec(), readOnly: true },
} as const

/** Writes a cookie as a server or another script would; happy-dom needs the explicit path. */
function put(pair: string, path = '/'): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server or another script
  document.cookie = `${pair}; Path=${path}`
}

/** What `call` throws, or `undefined`. */
function thrownBy(call: () => unknown): unknown {
  try {
    call()
  } catch (error) {
    return error
  }
  return undefined
}

/** Moves the page to `url`, through the test-only API happy-dom puts on `window`. */
function setURL(url: string): void {
  ;(window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url)
}

function clearCookies(): void {
  for (const name of parseCookie(document.cookie).keys()) {
    for (const path of ['/', '/app']) {
      put(`${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT`, path)
    }
  }
}

beforeEach(clearCookies)
afterEach(() => {
  clearCookies()
  setURL('http://localhost:3000/')
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('createCookieJar', () => {
  it('reads an absent cookie as its default, or undefined without one', () => {
    const jar = createCookieJar(schema, { onInvalid: () => {} })
    expect(jar.get('theme')).toBe('light')
    expect(jar.get('name')).toBeUndefined()
  })

  it('reads each cookie with its codec', () => {
    put('theme=dark')
    put('visits=12')
    put('consent=true')
    put('tags=%5B%22a%22%2C%22b%22%5D')
    const jar = createCookieJar(schema)
    expect(jar.get('theme')).toBe('dark')
    expect(jar.get('visits')).toBe(12)
    expect(jar.get('consent')).toBe(true)
    expect(jar.get('tags')).toEqual(['a', 'b'])
  })

  it('reads an invalid value as the default and reports it once per value', () => {
    const onInvalid = vi.fn()
    const jar = createCookieJar(schema, { onInvalid })
    put('theme=blue')
    expect(jar.get('theme')).toBe('light')
    expect(jar.get('theme')).toBe('light')
    put('visits=-3')
    expect(jar.get('visits')).toBe(0)
    expect(onInvalid.mock.calls).toEqual([
      [{ name: 'theme', value: 'blue' }],
      [{ name: 'visits', value: '-3' }],
    ])
  })

  it('warns on the console by default when a value is invalid', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    put('consent=yes')
    expect(createCookieJar(schema).get('consent')).toBeUndefined()
    expect(warn.mock.calls).toEqual([[{ name: 'consent', value: 'yes' }]])
    warn.mockRestore()
  })

  it('writes values with @crumbs/core encoding, as the server writes them', () => {
    const jar = createCookieJar(schema)
    expect(jar.set('name', 'Zoë "Z" Smith; admin, 100%')).toEqual({ ok: true })
    expect(document.cookie).toBe(serializeCookie('name', 'Zoë "Z" Smith; admin, 100%'))
    expect(jar.get('name')).toBe('Zoë "Z" Smith; admin, 100%')
  })

  it('round-trips any well-formed string, byte for byte with serializeCookie', () => {
    const jar = createCookieJar(schema)
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        expect(jar.set('name', value)).toEqual({ ok: true })
        expect(document.cookie).toBe(serializeCookie('name', value))
        expect(jar.get('name')).toBe(value)
      }),
    )
  })

  it.each([
    ['a malformed escape', 'name=100%'],
    ['invalid UTF-8', 'name=Zo%E9'],
    ['a valid escape beside a malformed one', 'name=%41%'],
  ])('reads %s as sent, as the server does', (_, pair) => {
    put(pair)
    const jar = createCookieJar(schema)
    expect(jar.get('name')).toBe(pair.slice(5))
    expect(jar.fromHeader(pair).get('name')).toBe(pair.slice(5))
  })

  it("reads a quoted value without its quotes, but keeps Werkzeug's backslash escapes", () => {
    put('name="a b\\054c"')
    const jar = createCookieJar(schema)
    expect(jar.get('name')).toBe('a b\\054c')
    // fromHeader reads with @crumbs/core's parser, which undoes them.
    expect(jar.fromHeader('name="a b\\054c"').get('name')).toBe('a b,c')
  })

  it('removes a cookie with its declared path', () => {
    const jar = createCookieJar(schema)
    const written = vi.spyOn(document, 'cookie', 'set')
    jar.set('scoped', 'x')
    jar.remove('scoped')
    expect(written.mock.calls.map(([line]) => line)).toEqual([
      'scoped=x; path=/app',
      expect.stringMatching(/^scoped=; path=\/app; expires=/),
    ])
    written.mockRestore()
  })

  it('writes the declared attributes, lifetime in seconds', () => {
    const jar = createCookieJar(schema)
    const written = vi.spyOn(document, 'cookie', 'set')
    jar.set('visits', 3)
    expect(written).toHaveBeenCalledWith('visits=3; path=/; max-age=3600')
    written.mockRestore()
  })

  it('reports a value its codec refuses as invalid, and writes nothing', () => {
    const jar = createCookieJar(schema)
    expect(jar.set('visits', -1)).toEqual({ ok: false, reason: 'invalid' })
    expect(jar.set('theme', 'blue' as never)).toEqual({ ok: false, reason: 'invalid' })
    expect(jar.set('name', 'lone \uD800 surrogate')).toEqual({ ok: false, reason: 'invalid' })
    expect(document.cookie).toBe('')
  })

  it('refuses a cookie over 4096 bytes before writing it', () => {
    const jar = createCookieJar(schema)
    expect(jar.set('name', 'x'.repeat(4092))).toEqual({ ok: true })
    expect(jar.set('name', 'x'.repeat(4093))).toEqual({ ok: false, reason: 'too-large' })
    // Encoded size counts: each space becomes three bytes.
    expect(jar.set('name', ' '.repeat(1400))).toEqual({ ok: false, reason: 'too-large' })
    expect(jar.get('name')).toBe('x'.repeat(4092))
  })

  it('reports a write the browser did not keep', () => {
    const jar = createCookieJar({
      foreign: { codec: stringCodec(), attributes: { domain: 'example.com' } },
    })
    expect(jar.set('foreign', 'x')).toEqual({ ok: false, reason: 'refused' })
  })

  it('reports a removal that another cookie of the same name survives', () => {
    setURL('http://localhost:3000/app/page')
    const jar = createCookieJar(schema)
    put('scoped=kept', '/')
    put('scoped=x', '/app')
    expect(jar.remove('scoped')).toEqual({ ok: false, reason: 'refused' })
    expect(jar.get('scoped')).toBe('kept')
  })

  it('does not read back a write whose path does not cover this page', () => {
    const jar = createCookieJar(schema)
    expect(jar.set('scoped', 'x')).toEqual({ ok: true })
    expect(jar.get('scoped')).toBeUndefined()
  })

  it('throws INVALID_OPTION on a write to a read-only cookie, which it still reads', () => {
    put('user=ana')
    const jar = createCookieJar(schema)
    expect(jar.get('user')).toBe('ana')
    const set = jar.set as (name: string, value: string) => unknown
    expect(() => set('user', 'eve')).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }))
    expect(() => jar.remove('user' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    )
  })

  it('throws INVALID_COOKIE_NAME for a name it does not declare, in every method', () => {
    const jar = createCookieJar(schema)
    const other = 'other' as never
    for (const call of [
      () => jar.get(other),
      () => jar.set(other, other),
      () => jar.remove(other),
      () => jar.subscribe(other, () => {}),
      () => jar.fromHeader('other=1').get(other),
      () => jar.get('toString' as never),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: 'INVALID_COOKIE_NAME' }))
    }
  })

  it('throws INVALID_OPTION for an asynchronous validator, its TypeError as the cause', () => {
    const slow = {
      '~standard': { version: 1, vendor: 'test', validate: async () => ({ value: 'x' }) },
    } as const
    const jar = createCookieJar({ id: { codec: stringCodec(slow) } })
    put('id=x')
    for (const call of [() => jar.get('id'), () => jar.set('id', 'y')]) {
      expect(call).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          details: { name: 'id', option: 'validate' },
          cause: expect.any(TypeError),
        }),
      )
    }
    expect(() => jar.fromHeader('id=x').get('id')).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    )
  })

  it("passes a codec's own TypeError through, whatever its message", () => {
    let thrown: TypeError | undefined
    // The same message the asynchronous-validator error has: only its class is recognised.
    const slow = {
      '~standard': { version: 1, vendor: 'test', validate: async () => ({ value: 'x' }) },
    } as const
    try {
      stringCodec(slow).decode('x')
    } catch (error) {
      thrown = new TypeError((error as Error).message)
    }
    const jar = createCookieJar({
      id: {
        codec: {
          encode: (value: string) => value,
          decode: () => {
            throw thrown
          },
        },
      },
    })
    put('id=x')
    expect(thrown).toBeInstanceOf(TypeError)
    for (const call of [() => jar.get('id'), () => jar.fromHeader('id=x').get('id')]) {
      expect(thrownBy(call)).toBe(thrown)
    }
  })

  it('reads a Cookie header with the same types', () => {
    const jar = createCookieJar(schema, { onInvalid: () => {} })
    const request = jar.fromHeader('theme=dark; visits=x; tags=%5B%22a%22%5D; name=a%20b')
    expect(request.get('theme')).toBe('dark')
    expect(request.get('visits')).toBe(0)
    expect(request.get('tags')).toEqual(['a'])
    expect(request.get('name')).toBe('a b')
    expect(jar.fromHeader(undefined).get('theme')).toBe('light')
  })
})
