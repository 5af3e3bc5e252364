import { createSessions } from '@crumbs/server/fetch'
import type { RequestEvent } from '@sveltejs/kit'
import { describe, expect, it } from 'vitest'
import { handle } from '../recipes/sveltekit/hooks.server'
import { actions, load } from '../recipes/sveltekit/page.server'
import { respond } from './sveltekit-runtime'

const ORIGIN = 'http://localhost:5173'
const cookieAfter = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ')

/** The login route of the recipe: the form action on POST, the load function as JSON on GET. */
const loginRoute = async (event: RequestEvent): Promise<Response> => {
  if (event.request.method === 'POST') {
    await actions.default(event as Parameters<typeof actions.default>[0])
    return new Response('no redirect')
  }
  return Response.json(load(event))
}

describe('SvelteKit recipe (hooks.server handle with SvelteKit’s own cookies)', () => {
  it('logs in through the form action: the redirect carries the cookie, the next load sees it', async () => {
    const body = new URLSearchParams({ username: 'olga' })
    const login = await respond(
      new Request(`${ORIGIN}/login`, { method: 'POST', body }),
      handle,
      loginRoute,
    )
    expect([login.status, login.headers.get('location')]).toEqual([303, '/'])
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
    ])
    const page = await respond(
      new Request(`${ORIGIN}/login`, { headers: { cookie: cookieAfter(login) } }),
      handle,
      loginRoute,
    )
    expect(await page.json()).toEqual({ username: 'olga' })
    expect(page.headers.getSetCookie()).toEqual([])
    expect([page.headers.get('vary'), page.headers.get('cache-control')]).toEqual([
      'Cookie',
      'private',
    ])
  })

  it('keeps the cookies the app set through event.cookies beside the session cookie', async () => {
    const response = await respond(new Request(`${ORIGIN}/theme`), handle, (event) => {
      event.cookies.set('theme', 'dark', { path: '/' })
      event.locals.session.set('username', 'ivan')
      return new Response('ok')
    })
    expect(
      response.headers
        .getSetCookie()
        .map((line) => line.split('=', 1)[0])
        .sort(),
    ).toEqual(['session', 'theme'])
  })

  it("reads and writes the session through kit's event.cookies (get(cookies, request), commit())", async () => {
    const sessions = createSessions<{ username: string }>({ secret: process.env.SECRET_KEY! })
    const through = (event: RequestEvent) => sessions.get(event.cookies, event.request)
    const passThrough = ({ event, resolve }: Parameters<typeof handle>[0]) => resolve(event)
    const login = await respond(new Request(`${ORIGIN}/`), passThrough, async (event) => {
      const { session, commit } = await through(event)
      session.set('username', 'olga')
      await commit()
      return new Response('ok')
    })
    // Written by SvelteKit's serializer from what set() was given.
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
    ])
    const read = await respond(
      new Request(`${ORIGIN}/`, { headers: { cookie: cookieAfter(login) } }),
      passThrough,
      async (event) => new Response((await through(event)).session.get('username')),
    )
    expect(await read.text()).toBe('olga')
  })
})
