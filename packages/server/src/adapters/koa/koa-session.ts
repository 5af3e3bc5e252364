import type { Session } from '@crumbs/core'
import type { Context, Middleware, Next } from 'koa'
import type { RequestContext } from '../../engine/request-context.js'
import { createSessionEngine } from '../../engine/session-engine.js'
import type { SessionOptions } from '../../engine/session-options.js'
import type { CrumbsRequest } from '../crumbs-request.js'
import { errorAnswer } from '../error-response.js'
import { NodePort } from '../node/node-port.js'

declare module 'koa' {
  interface DefaultContext {
    /**
     * The request's session (Flask's `session`), from `@crumbs/server/koa`, typed by the app's
     * `SessionData` (`declare module '@crumbs/server' { interface SessionData { … } }`).
     */
    session: Session
    /** The session and the cookies (`crumbs.cookies.setCookie`), beside Koa's own `ctx.cookies`. */
    crumbs: CrumbsRequest
  }
}

/** Koa middleware with the log-out-everywhere helper. */
export type KoaSessionMiddleware = Middleware & {
  destroyUserSessions(userId: string): Promise<number>
}

/** Throws a failure as Koa's error handling reads one: `status`, `expose` and `headers`. */
function fail(ctx: Context, error: unknown): never {
  const { status, headers } = errorAnswer(error)
  return ctx.throw(status, error as Error, { headers })
}

/**
 * Flask-style cookies and sessions for Koa 3: `ctx.session`, and `ctx.crumbs` (the session and
 * the cookies), leaving Koa's own `ctx.cookies` as it is. The session commits after
 * `await next()`, before Koa writes the response; a request whose downstream throws commits
 * nothing (Koa's error response replaces its headers). A failure is thrown to Koa's error
 * handling with `status` 503 (`STORE_UNAVAILABLE`) or 500.
 * @example
 * app.use(session({ secret: process.env.SECRET_KEY! }))
 * app.use((ctx) => {
 *   ctx.body = `Hello, ${ctx.session.get('username') ?? 'guest'}!`
 * })
 */
export function session(options: SessionOptions): KoaSessionMiddleware {
  const engine = createSessionEngine(options)
  const middleware = async (ctx: Context, next: Next): Promise<void> => {
    let context: RequestContext
    try {
      context = await engine.begin(new NodePort(ctx.req, ctx.res))
    } catch (error) {
      fail(ctx, error)
    }
    ctx.session = context.session
    ctx.crumbs = context
    await next()
    try {
      if (context.commitOwed) await context.commit()
    } catch (error) {
      fail(ctx, error)
    }
  }
  return Object.assign(middleware, {
    destroyUserSessions: (userId: string) => engine.destroyUserSessions(userId),
  })
}
