import { createSessions } from '@crumbs/server/fetch'
import { describe, expect, it } from 'vitest'
import { onRequest } from '../recipes/astro/middleware'
import { render } from './astro-runtime'

const ORIGIN = 'http://localhost:4321'
const cookieAfter = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ')

describe('Astro recipe (middleware on Astro’s own context and AstroCookies)', () => {
  it('logs in through an endpoint redirect, and the next page reads context.locals.session', async () => {
    const login = await render(
      new Request(`${ORIGIN}/login`, { method: 'POST' }),
      onRequest,
      async (context) => {
        await context.locals.session.regenerate()
        context.locals.session.set('username', 'olga')
        return context.redirect('/', 303)
      },
    )
    expect([login.status, login.headers.get('location')]).toEqual([303, '/'])
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
    ])
    const page = await render(
      new Request(`${ORIGIN}/`, { headers: { cookie: cookieAfter(login) } }),
      onRequest,
      (context) => new Response(`Welcome, ${context.locals.session.get('username')}!`),
    )
    expect(await page.text()).toBe('Welcome, olga!')
    expect(page.headers.getSetCookie()).toEqual([])
    expect([page.headers.get('vary'), page.headers.get('cache-control')]).toEqual([
      'Cookie',
      'private',
    ])
  })

  it('keeps what the page set through Astro.cookies beside the session cookie, on an immutable redirect', async () => {
    const response = await render(new Request(`${ORIGIN}/`), onRequest, (context) => {
      context.cookies.set('theme', 'dark', { path: '/' })
      context.locals.session.set('username', 'ivan')
      return Response.redirect(`${ORIGIN}/`, 302)
    })
    expect(response.status).toBe(302)
    expect(
      response.headers
        .getSetCookie()
        .map((line) => line.split('=', 1)[0])
        .sort(),
    ).toEqual(['session', 'theme'])
  })

  it("reads and writes the session through Astro's context.cookies (get(cookies, request), commit())", async () => {
    const sessions = createSessions<{ username: string }>({ secret: process.env.SECRET_KEY! })
    const none = createSessions({ secret: process.env.SECRET_KEY! })
    const login = await render(
      new Request(`${ORIGIN}/`),
      async (_, next) => next(),
      async (context) => {
        // AstroCookies cannot list the request's cookies: the request goes beside them.
        await expect(none.get(context.cookies)).rejects.toMatchObject({ code: 'INVALID_OPTION' })
        const { session, commit } = await sessions.get(context.cookies, context.request)
        session.set('username', 'olga')
        await commit()
        return new Response('ok')
      },
    )
    // Written by Astro's serializer from what set() was given.
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
    ])
    const read = await render(
      new Request(`${ORIGIN}/`, { headers: { cookie: cookieAfter(login) } }),
      async (_, next) => next(),
      async (context) =>
        new Response(
          (await sessions.get(context.cookies, context.request)).session.get('username'),
        ),
    )
    expect(await read.text()).toBe('olga')
  })
})
