import { type NextRequest, NextResponse } from 'next/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { logIn, logOut } from '../recipes/next/actions'
import { GET, POST } from '../recipes/next/route'
import { appRoute, cookieHeaderAfter, nextRequest } from './next-runtime'

const APP = 'https://app.example'

const form = (fields: Record<string, string>) => {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.set(name, value)
  return body
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('Next.js recipe: route handler (next/server on Next’s AppRouteRouteModule)', () => {
  const route = appRoute({ GET, POST })

  it('logs in with a 303 carrying the session cookie, which the next GET reads', async () => {
    const login = await route(
      nextRequest(`${APP}/api/me`, { method: 'POST', body: form({ username: 'olga' }) }),
    )
    expect(login.status).toBe(303)
    expect(login.headers.get('location')).toBe(`${APP}/`)
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^__Host-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/),
    ])
    const cookie = cookieHeaderAfter(login)
    const me = await route(nextRequest(`${APP}/api/me`, { headers: { cookie } }))
    expect(await me.json()).toEqual({ username: 'olga' })
    expect(me.headers.getSetCookie()).toEqual([])
    expect([me.headers.get('vary'), me.headers.get('cache-control')]).toEqual(['Cookie', 'private'])
  })

  it('reads a tampered cookie as no session, and clears it', async () => {
    const login = await route(
      nextRequest(`${APP}/api/me`, { method: 'POST', body: form({ username: 'olga' }) }),
    )
    const cookie = cookieHeaderAfter(login).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    const me = await route(nextRequest(`${APP}/api/me`, { headers: { cookie } }))
    expect([me.status, await me.json()]).toEqual([200, { username: null }])
    expect(me.headers.getSetCookie()[0]).toMatch(/^__Host-session=; .*Max-Age=0/)
  })
})

describe('Next.js recipe: server actions (cookies(), headers(), redirect() in Next’s request store)', () => {
  // Each action runs as Next runs it: inside the request store Next sets up for a POST, where
  // cookies() is mutable and a redirect() becomes the response, carrying what cookies() set.
  const route = appRoute({
    GET,
    async POST(request: NextRequest) {
      const body = await request.formData()
      if (body.get('action') === 'logOut') {
        await logOut()
        return NextResponse.json({ loggedOut: true })
      }
      await logIn(body)
      return NextResponse.json({ unreachable: true })
    },
  })
  const post = (origin: string, body: FormData, cookie = '') =>
    route(nextRequest(`${origin}/`, { method: 'POST', body, headers: { cookie } }))

  it('logs in through cookies().set(): Next sends the cookie on its redirect, and a route handler reads it', async () => {
    const login = await post(APP, form({ username: 'ivan' }))
    expect([login.status, login.headers.get('location')]).toEqual([303, '/'])
    // Next's own ResponseCookies serialization of what the action set.
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^__Host-session=[^;]+; Path=\/; Secure; HttpOnly; SameSite=lax$/),
    ])
    const cookie = cookieHeaderAfter(login)
    const me = await route(nextRequest(`${APP}/api/me`, { headers: { cookie } }))
    expect(await me.json()).toEqual({ username: 'ivan' })
  })

  it('logs out through cookies(): the next request has no user', async () => {
    const cookie = cookieHeaderAfter(await post(APP, form({ username: 'ivan' })))
    const logout = await post(APP, form({ action: 'logOut' }), cookie)
    expect(await logout.json()).toEqual({ loggedOut: true })
    const after = cookieHeaderAfter(logout)
    const me = await route(nextRequest(`${APP}/api/me`, { headers: { cookie: after } }))
    expect(await me.json()).toEqual({ username: null })
  })

  it('shares one session cookie between actions and route handlers under next dev on http://localhost', async () => {
    // Next's X-Forwarded-* headers hide plain-http development: the cookie stays Secure (which
    // Chrome and Firefox keep on localhost), the same from both paths, with the engine's warning.
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const dev = 'http://localhost:3000'
    const login = await post(dev, form({ username: 'ivan' }))
    expect(login.headers.getSetCookie()[0]).toMatch(/^__Host-session=/)
    const handler = await route(
      nextRequest(`${dev}/api/me`, { method: 'POST', body: form({ username: 'olga' }) }),
    )
    expect(handler.headers.getSetCookie()[0]).toMatch(/^__Host-session=/)
    const me = await route(
      nextRequest(`${dev}/api/me`, { headers: { cookie: cookieHeaderAfter(login) } }),
    )
    expect(await me.json()).toEqual({ username: 'ivan' })
  })
})
