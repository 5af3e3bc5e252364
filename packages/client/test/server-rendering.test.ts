import { describe, expect, it, vi } from 'vitest'
import { createCookieJar, csrfFetch, enumCodec, integerCodec, readCsrfToken } from '../src/index.js'

// This file runs in Node, with no `document`: the jar as a server-rendering app imports it.
describe('createCookieJar without a document', () => {
  const jar = createCookieJar({
    theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
    visits: { codec: integerCodec() },
  })

  it('reads every cookie as its default', () => {
    expect(typeof document).toBe('undefined')
    expect(jar.get('theme')).toBe('light')
    expect(jar.get('visits')).toBeUndefined()
  })

  it('reads a Cookie header with the same types', () => {
    const request = jar.fromHeader('visits=7; theme=dark')
    expect([request.get('theme'), request.get('visits')]).toEqual(['dark', 7])
  })

  it('reports writes as impossible rather than throwing', () => {
    expect(jar.set('theme', 'dark')).toEqual({ ok: false, reason: 'no-document' })
    expect(jar.remove('visits')).toEqual({ ok: false, reason: 'no-document' })
    expect(jar.set('visits', 1.5)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('subscribes to nothing', () => {
    const callback = vi.fn()
    const stop = jar.subscribe('theme', callback)
    stop()
    expect(callback).not.toHaveBeenCalled()
  })

  it('has no CSRF token to read, and creates its fetch wrapper', () => {
    expect(readCsrfToken()).toBeUndefined()
    expect(typeof csrfFetch()).toBe('function')
  })
})
