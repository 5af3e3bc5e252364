import { verifyCsrfToken } from '@crumbs/server/express'
import { json, type Request, type Response, Router } from 'express'
import { clientAddress } from '../client-address.js'
import { CSRF_HEADER, exposeCsrfToken } from '../expose-csrf-token.js'
import type { LoginGuard } from '../login-guard.js'
import { sendJson } from '../send-after-save.js'
import { sessionUser, USER_KEY } from '../session-user.js'
import { refuseLogin } from './login-refusal.js'
import { INVALID_LOGIN, STALE_FORM } from './page-routes.js'

/** The session key of the counter behind `/api/counter`. */
const COUNTER_KEY = 'counter'

const LOG_IN_FIRST = 'Log in first.'

/** The session's counter: 0 until the first `POST /api/counter`. */
function counterOf(req: Request): number {
  const n = req.session.get(COUNTER_KEY)
  return typeof n === 'number' ? n : 0
}

/** The user as the JSON API shows it; `null` for a visitor. */
export type ApiUser = { readonly username: string } | null

const asUser = (username: string | undefined): ApiUser =>
  username === undefined ? null : { username }

/**
 * The small JSON API behind the enhanced page: `GET /api/me`, `POST /api/login` and
 * `POST /api/logout`, plus a session counter (`GET` and `POST /api/counter`, logged in only). Unsafe calls must carry the session's CSRF token in `x-csrf-token`; logins
 * go through the guard (429 or 503 with `Retry-After` when it refuses).
 */
export function apiRoutes(logins: LoginGuard): Router {
  const router = Router()
  router.use(json({ limit: '4kb' }))
  const tokenOk = (req: Request): boolean => verifyCsrfToken(req.session, req.get(CSRF_HEADER))
  const stale = (req: Request, res: Response) => sendJson(req, res, 403, { error: STALE_FORM })

  router.get('/me', (req, res) => sendJson(req, res, 200, { user: asUser(sessionUser(req)) }))

  router.post('/login', async (req, res) => {
    if (!tokenOk(req)) return stale(req, res)
    const { username, password } = (req.body ?? {}) as Record<string, unknown>
    if (typeof username !== 'string' || typeof password !== 'string') {
      return sendJson(req, res, 400, { error: 'Send a username and a password.' })
    }
    const outcome = await logins.logIn(username, password, clientAddress(req))
    if (outcome.kind === 'throttled' || outcome.kind === 'busy') {
      const error = refuseLogin(res, outcome)
      return sendJson(req, res, res.statusCode, { error })
    }
    if (outcome.kind === 'invalid') return sendJson(req, res, 401, { error: INVALID_LOGIN })
    const user = outcome.username
    await req.session.regenerate()
    req.session.set(USER_KEY, user)
    // regenerate() gave the session a new CSRF token: hand the page its copy.
    exposeCsrfToken(req, res)
    await sendJson(req, res, 200, { user: asUser(user) })
  })

  // A per-session counter: `update` re-applies the increment when another request of the same
  // session wrote first, so concurrent clicks are all counted (the soak checks every one).
  router.get('/counter', (req, res) => sendJson(req, res, 200, { counter: counterOf(req) }))
  router.post('/counter', async (req, res) => {
    if (!tokenOk(req)) return stale(req, res)
    if (sessionUser(req) === undefined) return sendJson(req, res, 401, { error: LOG_IN_FIRST })
    req.session.update(COUNTER_KEY, (n) => (typeof n === 'number' ? n : 0) + 1)
    await req.session.save()
    // Read after the save: a replayed increment may have landed on a newer value.
    res.status(200).json({ counter: counterOf(req) })
  })

  router.post('/logout', async (req, res) => {
    if (!tokenOk(req)) return stale(req, res)
    await req.session.destroy()
    // The visitor's fresh session gets a token, so the page can log in again without a reload.
    exposeCsrfToken(req, res)
    await sendJson(req, res, 200, { user: null })
  })

  router.use((_req, res) => {
    res.status(404).json({ error: 'Not found' })
  })
  return router
}
