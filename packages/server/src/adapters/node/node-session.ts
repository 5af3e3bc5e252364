import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Session, SessionData } from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import type { RequestContext } from '../../engine/request-context.js'
import type {
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../../engine/request-cookies.js'
import { createSessionEngine } from '../../engine/session-engine.js'
import type { SessionOptions } from '../../engine/session-options.js'
import { respondError } from '../error-response.js'
import { attachContext } from './attach-context.js'
import { NodePort } from './node-port.js'

/** A node:http request once the middleware ran. */
export type SessionRequest<Data extends object = SessionData> = IncomingMessage & {
  session: Session<Data>
  cookies: RequestCookies
  /** The same session and cookies, under the name the Express adapter also gives them. */
  crumbs: { readonly session: Session<Data>; readonly cookies: RequestCookies }
}

/** A node:http response once the middleware ran. */
export type SessionResponse = ServerResponse & {
  setCookie(name: string, value: string, options?: SetCookieOptions): void
  deleteCookie(name: string, attributes?: DeleteCookieOptions): void
}

/** Connect-style middleware, with helpers for plain node:http. */
export interface NodeSessionMiddleware<Data extends object = SessionData> {
  /**
   * Loads the session, then calls `next`: in the same tick when nothing had to wait (no
   * cookie, or a cookie session on node:crypto), else once the store answered, and then
   * returns that promise. Without `next`, a load failure is answered with a 503 or 500.
   */
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): MaybePromise<void>
  /** Wraps a plain node:http handler: `http.createServer(sessions.wrap(handler))`. */
  wrap(
    handler: (req: SessionRequest<Data>, res: SessionResponse) => unknown,
  ): (req: IncomingMessage, res: ServerResponse) => MaybePromise<void>
  /** Ends every session of one user (log out everywhere); needs a store. */
  destroyUserSessions(userId: string): Promise<number>
}

/**
 * Flask-style cookies and sessions for node:http and Connect.
 * @example
 * const sessions = session<{ username: string }>({ secret: process.env.SECRET_KEY! })
 * http.createServer(sessions.wrap((req, res) => res.end(req.session.get('username') ?? 'guest')))
 */
export function session<Data extends object = SessionData>(
  options: SessionOptions,
): NodeSessionMiddleware<Data> {
  const engine = createSessionEngine(options)
  const report = engine.options.onError
  /** Reports a failure no framework handler can take, and answers it with a 503 or 500. */
  const answerError = (error: unknown, res: ServerResponse): void => {
    report(error)
    respondError(res, error)
  }

  /** Hands the loaded context to the request, then to the next handler. */
  const attach = (
    req: IncomingMessage,
    res: ServerResponse,
    context: RequestContext,
    next: ((error?: unknown) => void) | undefined,
  ): void => {
    attachContext(req, res, context, answerError)
    next?.()
  }
  /** A load that failed: to `next` when there is one, else answered here. */
  const failLoad = (
    error: unknown,
    res: ServerResponse,
    next: ((error?: unknown) => void) | undefined,
  ): void => {
    if (next) {
      next(error)
      return
    }
    answerError(error, res)
  }

  const middleware = (
    req: IncomingMessage,
    res: ServerResponse,
    next?: (error?: unknown) => void,
  ): MaybePromise<void> => {
    let loading: MaybePromise<RequestContext>
    try {
      loading = engine.begin(new NodePort(req, res))
    } catch (error) {
      failLoad(error, res, next)
      return
    }
    // A cookie session on node:crypto loads at once: the route then runs in this same tick.
    return thenMaybe(
      loading,
      (context) => attach(req, res, context, next),
      (error: unknown) => failLoad(error, res, next),
    )
  }

  return Object.assign(middleware, {
    wrap: (handler: (req: SessionRequest<Data>, res: SessionResponse) => unknown) => {
      const run = (req: IncomingMessage, res: ServerResponse): Promise<void> | undefined => {
        if (res.writableEnded || res.headersSent) return undefined
        let result: unknown
        try {
          result = handler(req as SessionRequest<Data>, res as SessionResponse)
        } catch (error) {
          answerError(error, res)
          return undefined
        }
        if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function')
          return undefined
        // A rejected handler would otherwise be an unhandled rejection: a crashed process.
        return Promise.resolve(result).then(
          () => undefined,
          (error: unknown) => answerError(error, res),
        )
      }
      return (req: IncomingMessage, res: ServerResponse) =>
        thenMaybe(middleware(req, res), () => run(req, res))
    },
    destroyUserSessions: (userId: string) => engine.destroyUserSessions(userId),
  })
}
