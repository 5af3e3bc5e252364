import type { Session, SessionData } from '@crumbs/core'
import type { RequestContext } from '../../engine/request-context.js'
import type { CookieJar } from '../../engine/request-cookies.js'
import { createSessionEngine } from '../../engine/session-engine.js'
import type { SessionOptions } from '../../engine/session-options.js'
import { errorResponse } from '../error-response.js'
import { type FetchPort, fetchPort } from './fetch-port.js'

/** What a fetch handler receives beside the `Request`; for Hono, `c.get('session')` and `c.get('cookies')`. */
export interface SessionVariables<Data extends object = SessionData> {
  session: Session<Data>
  cookies: CookieJar
}

/**
 * Runs the commit after the handler's `response`, then answers with it, or with the error
 * response when the commit fails. Shared with the Hono adapter.
 */
export async function finish(
  port: FetchPort,
  context: RequestContext,
  response: Response,
  onError: (e: unknown) => void,
) {
  const respond = port.respondWith(response)
  try {
    await context.commit()
  } catch (error) {
    onError(error)
    return errorResponse(error)
  }
  return respond()
}

/**
 * Wraps a `(Request) => Response` handler (Bun, Deno, workers, any fetch server) with cookies
 * and sessions; the session commits after the handler returns, before the response leaves.
 * @example
 * export default {
 *   fetch: withSession({ secret: process.env.SECRET_KEY! }, (request, { session }) =>
 *     new Response(String(session.get('username') ?? 'guest')),
 *   ),
 * }
 */
export function withSession<Data extends object = SessionData>(
  options: SessionOptions,
  handler: (request: Request, variables: SessionVariables<Data>) => Response | Promise<Response>,
): (request: Request) => Promise<Response> {
  const engine = createSessionEngine(options)
  return async (request) => {
    const port = fetchPort(request)
    let context: RequestContext
    try {
      context = await engine.begin(port)
    } catch (error) {
      engine.options.onError(error)
      return errorResponse(error)
    }
    const session = context.session as unknown as Session<Data>
    const response = await handler(request, { session, cookies: context.cookies })
    return finish(port, context, response, engine.options.onError)
  }
}
