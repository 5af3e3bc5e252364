import { verifyCsrfToken } from '@crumbs/server/express'
import { type Request, type Response, Router, urlencoded } from 'express'
import { clientAddress } from '../client-address.js'
import { exposeCsrfToken } from '../expose-csrf-token.js'
import { renderLoginPage } from '../html/login-page.js'
import { renderLogoutPage } from '../html/logout-page.js'
import { renderMessagePage } from '../html/message-page.js'
import { renderWelcomePage } from '../html/welcome-page.js'
import type { LoginGuard } from '../login-guard.js'
import { navigationSource } from '../navigation-source.js'
import type { PageAssets } from '../page-assets.js'
import { redirectTo, sendHtml } from '../send-after-save.js'
import { sessionUser, USER_KEY } from '../session-user.js'
import { requestOrigin, type TransportRules } from '../transport-rules.js'
import { refuseLogin } from './login-refusal.js'

/** What the server-rendered pages need. */
export interface PageRoutesOptions {
  readonly logins: LoginGuard
  readonly assets: PageAssets
  /** Where sessions live, shown on the welcome page. */
  readonly sessions: string
  /** What the session cookie holds, one sentence for the welcome page. */
  readonly sessionsExplained: string
  /** The demo users exist, so the login form may suggest them. @default false */
  readonly demoUsers?: boolean
  readonly rules: TransportRules
}

/** The seed's error text, shown with status 401. */
export const INVALID_LOGIN = 'Invalid username or password'

/** Shown with status 403 when a form's CSRF token does not match the session's. */
export const STALE_FORM = 'This form expired. Please try again.'

/**
 * The seed's pages, rendered on the server so they work without JavaScript: `/` greets or
 * redirects to `/login`; `/login` shows (GET) and checks (POST) the form; `/logout` ends the
 * session and returns to `/login`.
 */
export function pageRoutes(options: PageRoutesOptions): Router {
  const { logins, assets, rules } = options
  const router = Router()
  const form = urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 })
  const field = (req: Request, name: string): string => {
    const value = (req.body as Record<string, unknown> | undefined)?.[name]
    return typeof value === 'string' ? value : ''
  }
  const showLogin = (req: Request, res: Response, status: number, error?: string) => {
    const csrfToken = exposeCsrfToken(req, res)
    const username = error === undefined ? undefined : field(req, 'username')
    const html = renderLoginPage({
      csrfToken,
      assets,
      demoUsers: options.demoUsers ?? false,
      ...(error === undefined ? {} : { error }),
      ...(username === undefined ? {} : { username }),
    })
    return sendHtml(req, res, status, html)
  }
  const refuse = (req: Request, res: Response, message: string) =>
    sendHtml(
      req,
      res,
      403,
      renderMessagePage({ title: 'Forbidden', page: 'error', message, assets }),
    )
  const logOut = async (req: Request, res: Response) => {
    // destroy() drops the username with the rest, and with a store it deletes the old id, so a
    // copy of the cookie (stolen, or replayed from history) no longer logs anyone in.
    await req.session.destroy()
    await redirectTo(req, res, 303, '/login')
  }

  router.get('/', async (req, res) => {
    const username = sessionUser(req)
    if (username === undefined) return redirectTo(req, res, 302, '/login')
    const csrfToken = exposeCsrfToken(req, res)
    const { sessions, sessionsExplained: explanation } = options
    await sendHtml(
      req,
      res,
      200,
      renderWelcomePage({ username, csrfToken, sessions, explanation, assets }),
    )
  })

  router.get('/login', (req, res) => showLogin(req, res, 200))

  router.post('/login', form, async (req, res) => {
    if (!verifyCsrfToken(req.session, field(req, 'csrf_token'))) {
      return showLogin(req, res, 403, STALE_FORM)
    }
    const address = clientAddress(req)
    const outcome = await logins.logIn(field(req, 'username'), field(req, 'password'), address)
    if (outcome.kind === 'throttled' || outcome.kind === 'busy') {
      const message = refuseLogin(res, outcome)
      return showLogin(req, res, res.statusCode, message)
    }
    if (outcome.kind === 'invalid') return showLogin(req, res, 401, INVALID_LOGIN)
    const { username } = outcome
    // A new identity on login defeats session fixation.
    await req.session.regenerate()
    req.session.set(USER_KEY, username)
    await redirectTo(req, res, 303, '/')
  })

  router.post('/logout', form, async (req, res) => {
    if (!verifyCsrfToken(req.session, field(req, 'csrf_token'))) {
      return refuse(req, res, STALE_FORM)
    }
    await logOut(req, res)
  })

  // The seed's `/logout` link. A GET is not CSRF-checked, so only our own pages and the
  // address bar may use it: a link or image on another site must not log the user out. Where
  // the browser sends no Fetch Metadata and no same-origin Origin or Referer, the user is asked
  // to confirm with the CSRF-protected form instead.
  router.get('/logout', async (req, res) => {
    const source = navigationSource(req, requestOrigin(req, res, rules))
    if (source === 'own' || sessionUser(req) === undefined) return logOut(req, res)
    if (req.get('sec-fetch-site') !== undefined) {
      return refuse(req, res, 'Log out from this site’s own page.')
    }
    const csrfToken = exposeCsrfToken(req, res)
    await sendHtml(req, res, 200, renderLogoutPage({ csrfToken, assets }))
  })

  return router
}
