import type { Session, SessionData } from '@crumbs/core'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type {
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../../engine/request-cookies.js'
import type { SessionOptions } from '../../engine/session-options.js'
import { session as nodeSession } from '../node/node-session.js'

declare global {
  namespace Express {
    interface Request {
      /** The request's session (Flask's `session`), from `@crumbs/server/express`. */
      session: Session
      /** Cookie reads, signed cookies included, from `@crumbs/server/express`. */
      crumbs: { cookies: RequestCookies }
    }
    interface Response {
      /** Sets a cookie, checked against RFC 6265bis (Flask's `set_cookie`). */
      setCookie(name: string, value: string, options?: SetCookieOptions): void
      /** Expires a cookie set with the same `path`/`domain` (Flask's `delete_cookie`). */
      deleteCookie(name: string, attributes?: DeleteCookieOptions): void
    }
  }
}

/** Express middleware with helpers; `destroyUserSessions` logs a user out everywhere. */
export type ExpressSessionMiddleware = RequestHandler & {
  destroyUserSessions(userId: string): Promise<number>
}

/**
 * Flask-style cookies and sessions for Express 4 and 5: `req.session`, `req.cookies`,
 * `res.setCookie`, `res.deleteCookie`. Load and save failures go to Express' error handlers.
 * Each request's state rides on `res.locals` under a private symbol key (the
 * cheapest per-request slot Express offers): add to `res.locals` freely, but do not replace the
 * object after this middleware ran.
 * @example
 * app.use(session({ secret: process.env.SECRET_KEY }))
 * app.get('/', (req, res) => res.send(`Hello, ${req.session.get('username') ?? 'guest'}!`))
 */
export function session<Data extends SessionData = SessionData>(
  options: SessionOptions,
): ExpressSessionMiddleware {
  const middleware = nodeSession<Data>(options)
  const handler = (req: Request, res: Response, next: NextFunction): void => {
    // A throw of `next` itself (in a later middleware) reaches Express' own handlers.
    middleware(req, res, next)?.catch(next)
  }
  return Object.assign(handler, { destroyUserSessions: middleware.destroyUserSessions })
}
