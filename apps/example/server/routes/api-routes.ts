import { verifyCsrfToken } from '@crumbs/server/express'
import { json, type Request, type Response, Router } from 'express'
import { clientAddress } from '../client-address.js'
import { CSRF_HEADER, exposeCsrfToken } from '../expose-csrf-token.js'
import type { LoginGuard } from '../login-guard.js'
import { sendJson } from '../send-after-save.js'
import { sessionUser, USER_KEY } from '../session-user.js'
import { refuseLogin } from './login-refusal.js'
import { INVALID_LOGIN, STALE_FORM } from './page-routes.js'

/** The user as the JSON API shows it; `null` for a visitor. */
export type ApiUser = { readonly username: string } | null

const asUser = (username: string | undefined): ApiUser =>
  username === undefined ? null : { username }

/**
 * The small JSON API behind the enhanced page: `GET /api/me`, `POST /api/login` and
 * `POST /api/logout`. Unsafe calls must carry the session's CSRF token in `x-csrf-token`; logins
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
