import type { Session } from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import type { FastifyPluginCallback, FastifyRequest } from 'fastify'
import type { RequestContext } from '../../engine/request-context.js'
import { createSessionEngine } from '../../engine/session-engine.js'
import type { SessionOptions } from '../../engine/session-options.js'
import type { CrumbsRequest } from '../crumbs-request.js'
import { errorAnswer } from '../error-response.js'
import { fastifyPort } from './fastify-port.js'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The request's session (Flask's `session`), from `@crumbs/server/fastify`, typed by the
     * app's `SessionData` (`declare module '@crumbs/server' { interface SessionData { … } }`).
     */
    session: Session
    /** The session and the cookies (`crumbs.cookies.setCookie`), beside `@fastify/cookie`. */
    crumbs: CrumbsRequest
  }
}

/** A Fastify plugin with the log-out-everywhere helper. */
export type FastifySessionPlugin = FastifyPluginCallback & {
  destroyUserSessions(userId: string): Promise<number>
}

const CONTEXT = Symbol('crumbs.context')
type Loaded = FastifyRequest & { [CONTEXT]: RequestContext | null }
const contextOf = (request: FastifyRequest) => (request as Loaded)[CONTEXT]

/** Runs a maybe-synchronous step, then `done`: with the failure, as Fastify's handlers read one. */
function settle(step: () => MaybePromise<unknown>, done: (error?: Error) => void): void {
  const fail = (error: unknown) => {
    const { status, headers } = errorAnswer(error)
    done(Object.assign(error as Error, { statusCode: status, headers }))
  }
  let result: MaybePromise<unknown>
  try {
    result = step()
  } catch (error) {
    fail(error)
    return
  }
  thenMaybe(result, () => done(), fail)
}

/**
 * Flask-style cookies and sessions for Fastify 5: `request.session`, and `request.crumbs` (the
 * session and the cookies), leaving `request.cookies` and `reply.setCookie` to
 * `@fastify/cookie`. The session loads `onRequest` and commits `onSend`, before the headers; a
 * failure reaches Fastify's error handling with `statusCode` 503 (`STORE_UNAVAILABLE`) or 500.
 * A route that calls `reply.hijack()` must `await request.session.save()` before writing to
 * `reply.raw`.
 * @example
 * await app.register(session({ secret: process.env.SECRET_KEY! }))
 * app.get('/', async (request) => `Hello, ${request.session.get('username') ?? 'guest'}!`)
 */
export function session(options: SessionOptions): FastifySessionPlugin {
  const engine = createSessionEngine(options)
  const report = engine.options.onError
  const plugin: FastifyPluginCallback = (fastify, _options, done) => {
    for (const name of [CONTEXT, 'session', 'crumbs'] as const) fastify.decorateRequest(name, null)
    fastify.addHook('onRequest', (request, reply, next) => {
      const attach = (context: RequestContext) =>
        Object.assign(request, { [CONTEXT]: context, session: context.session, crumbs: context })
      settle(() => thenMaybe(engine.begin(fastifyPort(request, reply)), attach), next)
    })
    fastify.addHook('onSend', (request, _reply, payload, next) => {
      const context = contextOf(request)
      if (!context?.commitOwed) return next(null, payload)
      const sent = (error?: Error) => (error ? next(error) : next(null, payload))
      settle(() => context.commit(), sent)
    })
    // A hijacked reply skips onSend: what it changed and never saved is reported, not lost.
    fastify.addHook('onResponse', (request, _reply, next) => {
      const context = contextOf(request)
      try {
        if (context?.commitOwed) void context.commit()
      } catch (error) {
        report(error)
      }
      next()
    })
    done()
  }
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true, // fastify-plugin's marker: the hooks cover the whole app
    [Symbol.for('fastify.display-name')]: '@crumbs/server/fastify',
    [Symbol.for('plugin-meta')]: { name: '@crumbs/server/fastify', fastify: '5.x' },
    destroyUserSessions: (userId: string) => engine.destroyUserSessions(userId),
  })
}
