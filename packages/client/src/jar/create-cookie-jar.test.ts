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
    expect(warn).toHaveBeenCalledTimes(1)
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

  it('reads Werkzeug-quoted values as the server does', () => {
    put('name="a\\054b\\"c"')
    expect(createCookieJar(schema).get('name')).toBe('a,b"c')
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

  it('throws INVALID_COOKIE_NAME for a name it does not declare', () => {
    const jar = createCookieJar(schema)
    expect(() => jar.get('other' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_COOKIE_NAME' }),
    )
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

describe('createCookieJar subscribe', () => {
  it('notifies at once of writes through the jar, with the typed value', () => {
    const jar = createCookieJar(schema, { cookieStore: false })
    const seen: unknown[] = []
    jar.subscribe('visits', (value) => seen.push(value))
    jar.set('visits', 4)
    jar.set('visits', 4)
    jar.remove('visits')
    expect(seen).toEqual([4, 0])
  })

  it('polls document.cookie at the configured interval while subscribed', () => {
    vi.useFakeTimers()
    const jar = createCookieJar(schema, { cookieStore: false, pollInterval: 0.5 })
    const callback = vi.fn()
    const unsubscribe = jar.subscribe('theme', callback)
    put('theme=dark')
    vi.advanceTimersByTime(499)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledWith('dark')
    unsubscribe()
    expect(vi.getTimerCount()).toBe(0)
    put('theme=light')
    vi.advanceTimersByTime(5000)
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('pauses polling while the tab is hidden and catches up when it shows', () => {
    vi.useFakeTimers()
    let hidden = false
    const visibility = vi.spyOn(document, 'hidden', 'get').mockImplementation(() => hidden)
    const jar = createCookieJar(schema, { cookieStore: false })
    const callback = vi.fn()
    jar.subscribe('name', callback)
    hidden = true
    document.dispatchEvent(new Event('visibilitychange'))
    put('name=while-hidden')
    vi.advanceTimersByTime(10_000)
    expect(callback).not.toHaveBeenCalled()
    hidden = false
    document.dispatchEvent(new Event('visibilitychange'))
    expect(callback).toHaveBeenCalledWith('while-hidden')
    put('name=shown')
    vi.advanceTimersByTime(1000)
    expect(callback).toHaveBeenLastCalledWith('shown')
    visibility.mockRestore()
  })

  it('listens to CookieStore change events instead of polling where they exist', () => {
    vi.useFakeTimers()
    const cookieStore = new EventTarget()
    const remove = vi.spyOn(cookieStore, 'removeEventListener')
    vi.stubGlobal('cookieStore', cookieStore)
    const jar = createCookieJar(schema)
    const callback = vi.fn()
    const unsubscribe = jar.subscribe('consent', callback)
    expect(vi.getTimerCount()).toBe(0)
    put('consent=false')
    cookieStore.dispatchEvent(new Event('change'))
    cookieStore.dispatchEvent(new Event('change'))
    expect(callback.mock.calls).toEqual([[false]])
    unsubscribe()
    expect(remove).toHaveBeenCalledWith('change', expect.any(Function))
  })

  it('keeps watching until the last subscriber leaves', () => {
    vi.useFakeTimers()
    const jar = createCookieJar(schema, { cookieStore: false })
    const first = jar.subscribe('name', () => {})
    const second = jar.subscribe('theme', () => {})
    first()
    expect(vi.getTimerCount()).toBe(1)
    second()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('calls every subscriber even when one throws, and rethrows the error later', () => {
    vi.useFakeTimers()
    const jar = createCookieJar(schema, { cookieStore: false })
    const after = vi.fn()
    jar.subscribe('name', () => {
      throw new Error('subscriber failed')
    })
    jar.subscribe('name', after)
    jar.set('name', 'x')
    expect(after).toHaveBeenCalledWith('x')
    expect(() => vi.runOnlyPendingTimers()).toThrow('subscriber failed')
  })
})
