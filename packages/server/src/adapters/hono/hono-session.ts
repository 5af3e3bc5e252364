import type { Session, SessionData } from '@crumbs/core'
import type { MiddlewareHandler } from 'hono'
import type { RequestContext } from '../../engine/request-context.js'
import { createSessionEngine } from '../../engine/session-engine.js'
import type { SessionOptions } from '../../engine/session-options.js'
import { errorResponse } from '../error-response.js'
import { fetchPort } from '../fetch/fetch-port.js'
import { finish, type SessionVariables } from '../fetch/with-session.js'

/**
 * Hono middleware: `c.get('session')` and `c.get('cookies')`, typed through
 * `new Hono<{ Variables: SessionVariables<{ username: string }> }>()`.
 * @example
 * const app = new Hono<{ Variables: SessionVariables }>()
 * app.use(honoSession({ secret: process.env.SECRET_KEY! }))
 */
export function honoSession<Data extends object = SessionData>(
  options: SessionOptions,
): MiddlewareHandler<{ Variables: SessionVariables<Data> }> {
  const engine = createSessionEngine(options)
  return async (c, next) => {
    const port = fetchPort(c.req.raw)
    let context: RequestContext
    try {
      context = await engine.begin(port)
    } catch (error) {
      engine.options.onError(error)
      c.res = errorResponse(error)
      return
    }
    c.set('session', context.session as unknown as Session<Data>)
    c.set('cookies', context.cookies)
    await next()
    const response = await finish(port, context, c.res, engine.options.onError)
    // The commit wrote into c.res' own headers. Hono's c.res setter copies the body and merges
    // the old headers into what it is given, so set only a different response (an error answer,
    // a copy of one with immutable headers), and clear c.res first so that it replaces.
    if (response !== c.res) {
      c.res = undefined
      c.res = response
    }
  }
}
