import { parseCookie } from '@crumbs/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { booleanCodec } from '../codecs/boolean-codec.js'
import { enumCodec } from '../codecs/enum-codec.js'
import { integerCodec } from '../codecs/integer-codec.js'
import { stringCodec } from '../codecs/string-codec.js'
import { createCookieJar } from './create-cookie-jar.js'

// subscribeCookie through a createCookieJar jar; the Chromium suite covers real CookieStore
// events and other tabs (test/browser/subscribe.test.ts).
const schema = {
  theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
  name: { codec: stringCodec() },
  visits: { codec: integerCodec({ min: 0 }), default: 0 },
  consent: { codec: booleanCodec() },
} as const

/** Writes a cookie as a server or another script would; happy-dom needs the explicit path. */
function put(pair: string): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server or another script
  document.cookie = `${pair}; Path=/`
}

function clearCookies(): void {
  for (const name of parseCookie(document.cookie).keys()) {
    put(`${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT`)
  }
}

beforeEach(clearCookies)
afterEach(() => {
  clearCookies()
  vi.useRealTimers()
  vi.unstubAllGlobals()
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
