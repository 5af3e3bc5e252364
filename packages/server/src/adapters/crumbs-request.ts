import type { Session } from '@crumbs/core'
import type { CookieJar } from '../engine/request-cookies.js'

/**
 * What `request.crumbs` (Fastify) and `ctx.crumbs` (Koa) hold: the session, and the request's
 * cookies with `setCookie`/`deleteCookie`, there because the framework's own cookie names stay
 * its own. (Express' `req.crumbs` has the same shape; its writes are `res.setCookie`.)
 */
export interface CrumbsRequest {
  readonly session: Session
  readonly cookies: CookieJar
}
