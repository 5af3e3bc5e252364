// A plain fetch handler through @crumbs/server/fetch, in a project without hono, type-checked
// with skipLibCheck off: the entry's declarations must need nothing from hono.
import {
  csrfProtection,
  type SessionVariables,
  verifyCsrfToken,
  withSession,
} from '@crumbs/server/fetch'
import { serveFetch } from './shared/serve-fetch.js'
import { checkPassword, loginForm } from './shared/users.js'

type Data = { username: string }

const redirect = (status: number) => new Response(null, { status, headers: { location: '/' } })

async function route(request: Request, { session }: SessionVariables<Data>): Promise<Response> {
  const { pathname } = new URL(request.url)
  if (request.method === 'GET' && pathname === '/') {
    const name = session.get('username')
    return new Response(name === undefined ? 'Not logged in' : `Logged in as ${name}`)
  }
  if (request.method === 'GET' && pathname === '/login') {
    return new Response(loginForm(session.csrfToken()), {
      headers: { 'content-type': 'text/html' },
    })
  }
  if (request.method === 'POST' && pathname === '/login') {
    const form = new URLSearchParams(await request.text())
    if (!verifyCsrfToken(session, form.get('_csrf'))) {
      return new Response('Bad CSRF token', { status: 403 })
    }
    const username = form.get('username')
    if (!checkPassword(username, form.get('password'))) {
      return new Response('Invalid username or password', { status: 401 })
    }
    await session.regenerate()
    session.set('username', username)
    return redirect(303)
  }
  if (request.method === 'GET' && pathname === '/logout') {
    session.pop('username')
    return redirect(302)
  }
  return new Response('Not found', { status: 404 })
}

/** Never called: what the compiler must refuse. */
export function typeErrors({ session, cookies }: SessionVariables<Data>): void {
  // @ts-expect-error Data declares username a string
  session.set('username', 42)
  // @ts-expect-error the request's cookies are read-only
  cookies.set('theme', 'dark')
}

const refuseCrossSite = csrfProtection()
const handler = withSession<Data>({ secret: process.env.SECRET_KEY! }, route)
serveFetch((request) => refuseCrossSite(request) ?? handler(request))
