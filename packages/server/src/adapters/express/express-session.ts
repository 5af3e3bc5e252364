import type { Session } from '@crumbs/core'
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
      /**
       * The request's session (Flask's `session`), from `@crumbs/server/express`, typed by the
       * app's `SessionData` (`declare module '@crumbs/server' { interface SessionData { … } }`).
       */
      session: Session
      /**
       * The request's session and cookies, from `@crumbs/server/express`. `req.crumbs.cookies`
       * is the typed cookie reader; `req.cookies` is the same object unless another middleware
       * (cookie-parser) puts its own there, which Express' types cannot tell apart (`any`).
       */
      crumbs: CrumbsRequest
    }
    interface Response {
      /** Sets a cookie, checked against RFC 6265bis (Flask's `set_cookie`). */
      setCookie(name: string, value: string, options?: SetCookieOptions): void
      /** Expires a cookie set with the same `path`/`domain` (Flask's `delete_cookie`). */
      deleteCookie(name: string, attributes?: DeleteCookieOptions): void
    }
  }
}

/** What `req.crumbs` holds: the session and the request's cookies. */
export interface CrumbsRequest {
  readonly session: Session
  readonly cookies: RequestCookies
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
 * app.use(session({ secret: process.env.SECRET_KEY! }))
 * app.get('/', (req, res) => res.send(`Hello, ${req.session.get('username') ?? 'guest'}!`))
 */
export function session(options: SessionOptions): ExpressSessionMiddleware {
  const middleware = nodeSession(options)
  const handler = (req: Request, res: Response, next: NextFunction): void => {
    // A throw of `next` itself (in a later middleware) reaches Express' own handlers.
    middleware(req, res, next)?.catch(next)
  }
  return Object.assign(handler, { destroyUserSessions: middleware.destroyUserSessions })
}
