import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CSRF_DEFAULTS, csrfFetch, readCsrfToken } from './csrf-fetch.js'

const TOKEN = 'tok_3x4mpl3'

/** Sets or (with `value` undefined) expires a cookie, as the server would. */
function put(name: string, value: string | undefined): void {
  const expiry = value === undefined ? '; Expires=Thu, 01 Jan 1970 00:00:00 GMT' : ''
  // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server's part
  document.cookie = `${name}=${value ?? ''}; Path=/${expiry}`
}

function sentHeaders(send: ReturnType<typeof vi.fn>): Headers {
  const [input, init] = send.mock.calls[0] as [RequestInfo | URL, RequestInit | undefined]
  return new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
}

beforeEach(() => {
  put('csrf_token', TOKEN)
})
afterEach(() => {
  put('csrf_token', undefined)
})

describe('readCsrfToken', () => {
  it('reads the token cookie, by default csrf_token', () => {
    expect(readCsrfToken()).toBe(TOKEN)
    expect(readCsrfToken('other')).toBeUndefined()
  })
})

describe('csrfFetch', () => {
  it.each(['POST', 'put', 'DELETE', 'PATCH'])(
    'sends the token on a same-origin %s',
    async (method) => {
      const send = vi.fn(async () => new Response('ok'))
      await csrfFetch({ fetch: send })('/api/logout', { method })
      expect(sentHeaders(send).get(CSRF_DEFAULTS.header)).toBe(TOKEN)
    },
  )

  it.each(['GET', 'HEAD', 'OPTIONS'])('leaves a safe %s request alone', async (method) => {
    const send = vi.fn(async () => new Response('ok'))
    await csrfFetch({ fetch: send })('/api/me', { method })
    expect(send).toHaveBeenCalledWith('/api/me', { method })
  })

  it('never sends the token to another origin', async () => {
    const send = vi.fn(async () => new Response('ok'))
    await csrfFetch({ fetch: send })('https://elsewhere.example/steal', { method: 'POST' })
    expect(sentHeaders(send).has(CSRF_DEFAULTS.header)).toBe(false)
  })

  it('reads the method and URL of a Request, keeping its headers', async () => {
    const send = vi.fn(async () => new Response('ok'))
    const request = new Request(new URL('/api/items', location.href), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    await csrfFetch({ fetch: send })(request)
    const headers = sentHeaders(send)
    expect(headers.get(CSRF_DEFAULTS.header)).toBe(TOKEN)
    expect(headers.get('content-type')).toBe('application/json')
  })

  it('keeps a token header the caller set', async () => {
    const send = vi.fn(async () => new Response('ok'))
    await csrfFetch({ fetch: send })('/api', {
      method: 'POST',
      headers: { 'X-CSRF-Token': 'mine' },
    })
    expect(sentHeaders(send).get('x-csrf-token')).toBe('mine')
  })

  it('uses the configured cookie and header', async () => {
    put('XSRF-TOKEN', 'abc')
    const send = vi.fn(async () => new Response('ok'))
    await csrfFetch({ fetch: send, cookie: 'XSRF-TOKEN', header: 'X-XSRF-TOKEN' })('/a', {
      method: 'POST',
    })
    expect(sentHeaders(send).get('x-xsrf-token')).toBe('abc')
    put('XSRF-TOKEN', undefined)
  })

  it('sends nothing extra when there is no token cookie', async () => {
    put('csrf_token', undefined)
    const send = vi.fn(async () => new Response('ok'))
    await csrfFetch({ fetch: send })('/a', { method: 'POST' })
    expect(send).toHaveBeenCalledWith('/a', { method: 'POST' })
  })

  it.each([{ cookie: 'a b' }, { header: '' }, { header: 'x:y' }])(
    'throws INVALID_OPTION for %j',
    (options) => {
      expect(() => csrfFetch(options)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }))
    },
  )
})
