import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CookieAttributes, MaybePromise, Session, SessionData } from '@crumbs/core'
import type {
  RequestContext,
  RequestCookies,
  SetCookieOptions,
} from '../../engine/request-context.js'
import { createSessionEngine } from '../../engine/session-engine.js'
import type { SessionOptions } from '../../engine/session-options.js'
import { respondError } from '../error-response.js'
import { NodePort } from './node-port.js'
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
  /**
   * Loads the session, then calls `next`: in the same tick when nothing had to wait (no
   * cookie, or a cookie session on node:crypto), else once the store answered, and then
   * returns that promise. Without `next`, a load failure is answered with a 503 or 500.
   */
  (
    req: IncomingMessage,
    res: ServerResponse,
    next?: (error?: unknown) => void,
  ): Promise<void> | undefined
  /** Wraps a plain node:http handler: `http.createServer(sessions.wrap(handler))`. */
  wrap(
    handler: (req: SessionRequest<Data>, res: SessionResponse) => unknown,
  ): (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined
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

  /** Hands the loaded context to the request, then to the next handler. */
  const attach = (
    req: IncomingMessage,
    res: ServerResponse,
    port: NodePort,
    context: RequestContext,
    next: ((error?: unknown) => void) | undefined,
  ): void => {
    attachContext(req, res, port, context, failCommit)
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
    report(error)
    respondError(res, error)
  }

  const middleware = (
    req: IncomingMessage,
    res: ServerResponse,
    next?: (error?: unknown) => void,
  ): Promise<void> | undefined => {
    const port = new NodePort(req, res)
    let begun: MaybePromise<RequestContext>
    try {
      begun = engine.begin(port)
    } catch (error) {
      failLoad(error, res, next)
      return undefined
    }
    // A cookie session on node:crypto loads at once: the route then runs in this same tick,
    // and the request allocates no callbacks.
    if (begun instanceof Promise) {
      return begun.then(
        (context) => attach(req, res, port, context, next),
        (error: unknown) => failLoad(error, res, next),
      )
    }
    attach(req, res, port, begun, next)
    return undefined
  }

  return Object.assign(middleware, {
    wrap: (handler: (req: SessionRequest<Data>, res: SessionResponse) => unknown) => {
      const fail = (error: unknown, res: ServerResponse) => {
        // A rejected handler would otherwise be an unhandled rejection: a crashed process.
        report(error)
        respondError(res, error)
      }
      const run = (req: IncomingMessage, res: ServerResponse): Promise<void> | undefined => {
        if (res.writableEnded || res.headersSent) return undefined
        let result: unknown
        try {
          result = handler(req as SessionRequest<Data>, res as SessionResponse)
        } catch (error) {
          fail(error, res)
          return undefined
        }
        if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function')
          return undefined
        return Promise.resolve(result).then(
          () => undefined,
          (error: unknown) => fail(error, res),
        )
      }
      return (req: IncomingMessage, res: ServerResponse) => {
        const loading = middleware(req, res)
        return loading === undefined ? run(req, res) : loading.then(() => run(req, res))
      }
    },
    destroyUserSessions: (userId: string) => engine.destroyUserSessions(userId),
  })
}
