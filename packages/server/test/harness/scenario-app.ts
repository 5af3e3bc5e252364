import { isCrumbsError } from '@crumbs/core'
import { verifyCsrfToken } from '../../src/engine/csrf-check.js'
import type { App, AppResponse } from './hosts.js'

/** Errors the app saw after its response went out, by route, for the HEADERS_SENT check. */
export type LateErrors = Map<string, string>

/**
 * The seed's routes (cookie demo, login, logout) plus probes for the rules the contract checks.
 * Users are not checked here: the contract is about cookies and sessions, not passwords.
 */
export function scenarioApp(late: LateErrors): App {
  return async (req, { session, cookies }): Promise<AppResponse> => {
    const name = req.query.get('name') ?? 'john'
    switch (req.path) {
      case '/cookie/set':
        cookies.setCookie('username', name)
        return { body: 'cookie set' }
      case '/cookie/get':
        return {
          body: cookies.has('username') ? `Hello, ${cookies.get('username')}!` : 'No cookie',
        }
      case '/cookie/auto':
        cookies.setCookie('hint', '1', { secure: 'auto', sameSite: 'lax' })
        return { body: 'hint set' }
      case '/deep/path/set':
        cookies.setCookie('username', name)
        cookies.setCookie('scoped', '1', { path: '/deep' })
        return { body: 'cookies set' }
      case '/deep/path/delete':
        cookies.deleteCookie('username')
        return { body: 'cookie deleted' }
      case '/cookie/delete':
        cookies.deleteCookie('username')
        return { body: 'cookie deleted' }
      case '/signed/set':
        cookies.setCookie('prefs', 'dark', { signed: true })
        return { body: 'signed set' }
      case '/signed/get':
        return { body: `signed: ${(await cookies.getSigned('prefs')) ?? 'none'}` }
      case '/login':
        await session.regenerate()
        session.set('username', name)
        session.permanent = req.query.has('remember')
        session.flash(`Welcome back, ${name}`)
        return { body: 'logged in' }
      case '/':
        return {
          body: session.has('username') ? `Welcome, ${session.get('username')}!` : 'Please log in',
        }
      case '/static':
        // Reads neither the session nor the cookies: a page any cache may keep.
        return { body: 'the same for everyone', headers: { 'Cache-Control': 'public, max-age=60' } }
      case '/no-store':
        return {
          body: session.has('username') ? 'personal' : 'anonymous',
          headers: { 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' },
        }
      case '/flashes':
        return { body: JSON.stringify(session.flashes()) }
      case '/count': {
        const views = ((session.get('views') as number | undefined) ?? 0) + 1
        session.set('views', views)
        return { body: String(views) }
      }
      case '/increment':
        // The atomic read-modify-write: replayed on the stored value when writes collide.
        return { body: String(session.update('n', (n = 0) => (n as number) + 1)) }
      case '/save-handled':
        // A route that saves early and handles a failure itself: its answer must go out.
        session.set('saved', true)
        try {
          await session.save()
          return { body: 'saved' }
        } catch (error) {
          return { body: `save failed: ${isCrumbsError(error) ? error.code : String(error)}` }
        }
      case '/logout':
        session.pop('username')
        return { body: 'logged out' }
      case '/destroy':
        await session.destroy()
        return { body: 'destroyed' }
      case '/big':
        session.set('blob', 'x'.repeat(5000))
        return { body: 'too big' }
      case '/late':
        return {
          body: 'sent',
          after: () => {
            try {
              session.set('late', true)
              late.set(req.path, 'no error')
            } catch (error) {
              late.set(req.path, isCrumbsError(error) ? error.code : String(error))
            }
          },
        }
      case '/put': {
        // One key named by the query, for the concurrent-writes tests.
        session.set(req.query.get('key') ?? 'key', req.query.get('value') ?? '')
        return { body: 'put' }
      }
      case '/put-later': {
        // The same after a turn of the event loop (a database call, say), so concurrent
        // requests all load the session before any of them writes it.
        await new Promise((resolve) => setImmediate(resolve))
        session.set(req.query.get('key') ?? 'key', req.query.get('value') ?? '')
        return { body: 'put' }
      }
      case '/dump':
        return {
          body: JSON.stringify(Object.fromEntries(session.keys().map((k) => [k, session.get(k)]))),
        }
      case '/csrf-token':
        return { body: session.csrfToken() }
      case '/form':
        return verifyCsrfToken(session, req.query.get('csrf'))
          ? { body: 'form accepted' }
          : { status: 403, body: 'bad token' }
      default:
        return { status: 404, body: 'not found' }
    }
  }
}
