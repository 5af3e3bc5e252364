import type { Session } from '@crumbs/core'
import { Hono } from 'hono'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type SessionVariables, withSession } from '../src/entries/fetch.js'
import { honoSession } from '../src/entries/hono.js'

const SECRET = 'a-test-secret-that-is-long-enough-0005'

const login = (session: Session): Response => {
  session.set('username', 'john')
  return new Response('logged in')
}

describe('fetch adapter: Secure from the request URL', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it.each([
    ['http://localhost:8787/', /^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/],
    ['http://127.0.0.1:3000/', /^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/],
    ['https://app.example/', /^__Host-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/],
    ['http://app.example/', /^__Host-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/],
  ])('issues the session cookie of %s as %s', async (url, expected) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const handler = withSession({ secret: SECRET }, (_request, { session }) => login(session))
    const response = await handler(new Request(url))
    expect(response.headers.getSetCookie()[0]).toMatch(expected)
  })

  it("treats Hono's app.request() as local development, without a Host header", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const app = new Hono<{ Variables: SessionVariables }>()
    app.use(honoSession({ secret: SECRET }))
    app.get('/', (c) => login(c.get('session')))
    const response = await app.request('/')
    expect(response.headers.getSetCookie()[0]).toMatch(
      /^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/,
    )
    expect(warn).not.toHaveBeenCalled()
  })

  it('warns once when a Secure cookie goes out on plain http to another host', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const handler = withSession({ secret: SECRET }, (_request, { session }) => login(session))
    await handler(new Request('http://192.168.1.20:8787/'))
    await handler(new Request('http://192.168.1.20:8787/'))
    expect(warn).toHaveBeenCalledTimes(1)
  })
})
