import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CookieAttributes, Session, SessionData } from '@crumbs/core'
import type { RequestContext, RequestCookies, SetCookieOptions } from '../engine/request-context.js'
import { createSessionEngine } from '../engine/session-engine.js'
import type { SessionOptions } from '../options.js'
import { NodePort } from './node-port.js'
import { respondError } from './respond-error.js'
import { attachContext } from './response-hooks.js'

/** A node:http request once the middleware ran. */
export type SessionRequest<Data extends SessionData = SessionData> = IncomingMessage & {
  session: Session<Data>
  cookies: RequestCookies
}

/** A node:http response once the middleware ran. */
export type SessionResponse = ServerResponse & {
  setCookie(name: string, value: string, options?: SetCookieOptions): void
  deleteCookie(name: string, attributes?: Omit<CookieAttributes, 'expires' | 'maxAge'>): void
}

/** Connect-style middleware, with helpers for plain node:http. */
export interface NodeSessionMiddleware<Data extends SessionData = SessionData> {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): Promise<void>
  /** Wraps a plain node:http handler: `http.createServer(sessions.wrap(handler))`. */
  wrap(
    handler: (req: SessionRequest<Data>, res: SessionResponse) => unknown,
  ): (req: IncomingMessage, res: ServerResponse) => Promise<void>
  /** Ends every session of one user (log out everywhere); needs a store. */
  destroyUserSessions(userId: string): Promise<number>
}

/**
 * Flask-style cookies and sessions for node:http and Connect.
 * @example
 * const sessions = session<{ username: string }>({ secret: process.env.SECRET_KEY })
 * http.createServer(sessions.wrap((req, res) => res.end(req.session.get('username') ?? 'guest')))
 */
export function session<Data extends SessionData = SessionData>(
  options: SessionOptions,
): NodeSessionMiddleware<Data> {
  const engine = createSessionEngine(options)
  const report = engine.options.onError
  const failCommit = (error: unknown, res: ServerResponse): void => {
    report(error)
    respondError(res, error)
  }

  const middleware = async (
    req: IncomingMessage,
    res: ServerResponse,
    next?: (error?: unknown) => void,
  ) => {
    let context: RequestContext
    try {
      context = await engine.begin(new NodePort(req, res))
    } catch (error) {
      if (next) return next(error)
      report(error)
      return respondError(res, error)
    }
    attachContext(req, res, context, failCommit)
    next?.()
  }

  return Object.assign(middleware, {
    wrap:
      (handler: (req: SessionRequest<Data>, res: SessionResponse) => unknown) =>
      async (req: IncomingMessage, res: ServerResponse) => {
        await middleware(req, res)
        if (res.writableEnded || res.headersSent) return
        try {
          await handler(req as SessionRequest<Data>, res as SessionResponse)
        } catch (error) {
          // A rejected handler would otherwise be an unhandled rejection: a crashed process.
          report(error)
          respondError(res, error)
        }
      },
    destroyUserSessions: (userId: string) => engine.destroyUserSessions(userId),
  })
}
