import type { RequestCookies } from '@crumbs/server/express'
import type { Request, Response } from 'express'

/**
 * The readable cookie that hands the session's CSRF token to page scripts; @crumbs/client's
 * `csrfFetch` copies it into the `x-csrf-token` header. It is only a copy: the server compares
 * the header with the token inside the session, which scripts on other sites cannot read.
 */
export const CSRF_COOKIE = 'csrf_token'

/** The header `csrfFetch` sends the token in. */
export const CSRF_HEADER = 'x-csrf-token'

/**
 * Returns the session's CSRF token (creating it on first use) and mirrors it into
 * {@link CSRF_COOKIE} when the browser's copy is missing or stale (after login, say). The copy
 * is Secure whenever the session cookie is (`secure: 'auto'`: crumbs' own rule).
 */
export function exposeCsrfToken(req: Request, res: Response): string {
  const token = req.session.csrfToken()
  if ((req.cookies as RequestCookies).get(CSRF_COOKIE) !== token) {
    res.setCookie(CSRF_COOKIE, token, { sameSite: 'lax', secure: 'auto' })
  }
  return token
}
