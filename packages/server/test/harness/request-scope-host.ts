import type http from 'node:http'
import { serve } from '@hono/node-server'
import {
  createSessions,
  csrfProtection,
  errorResponse,
  type SessionScope,
} from '../../src/entries/fetch.js'
import type { App, AppRequest, Host, HostOptions } from './hosts.js'
import type { RunningHost } from './loopback.js'

/** Where the app's answer gets the session's headers: the response itself, or a `Headers`. */
type Target = 'response' | 'headers'

function appRequest(request: Request): AppRequest {
  const url = new URL(request.url)
  return { method: request.method, path: url.pathname, query: url.searchParams }
}

/**
 * The README's request-scoped recipe as a fetch server: `sessions.get(request)`, the app, then
 * `commit` into the response (or into its `Headers` before the response is made); a failure is
 * reported and answered with `errorResponse`, as the recipe says to.
 */
function handler({ session: options, csrf }: HostOptions, app: App, target: Target) {
  const sessions = createSessions(options)
  const check = csrfProtection()
  const fail = (error: unknown): Response => {
    options.onError?.(error)
    return errorResponse(error)
  }
  return async (request: Request): Promise<Response> => {
    const refused = csrf ? check(request) : undefined
    if (refused !== undefined) return refused
    let scope: SessionScope
    try {
      scope = await sessions.get(request)
    } catch (error) {
      return fail(error)
    }
    let out: Awaited<ReturnType<App>>
    try {
      out = await app(appRequest(request), scope)
    } catch (error) {
      const code = (error as { code?: string }).code ?? String(error)
      return new Response(`app error: ${code}`, { status: 500 })
    }
    const headers = new Headers({ 'Content-Type': 'text/plain; charset=utf-8', ...out.headers })
    try {
      const response =
        target === 'response'
          ? await scope.commit(new Response(out.body, { status: out.status ?? 200, headers }))
          : new Response(out.body, {
              status: out.status ?? 200,
              headers: await scope.commit(headers),
            })
      // The headers are final once the response is returned.
      if (out.after) setTimeout(out.after, 0)
      return response
    } catch (error) {
      return fail(error)
    }
  }
}

function start(options: HostOptions, app: App, target: Target): Promise<RunningHost> {
  const fetch = handler(options, app, target)
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            ;(server as http.Server).closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

/** The request-scoped API, committing into the response, and into its headers. */
export const requestScopeHosts: readonly Host[] = [
  {
    name: 'request-scoped API, commit(response)',
    start: (options, app) => start(options, app, 'response'),
  },
  {
    name: 'request-scoped API, commit(headers)',
    start: (options, app) => start(options, app, 'headers'),
  },
]
