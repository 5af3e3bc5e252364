import type http from 'node:http'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { csrfProtection, type SessionVariables, withSession } from '../../src/entries/fetch.js'
import { honoCsrf, honoSession } from '../../src/entries/hono.js'
import type { RunningHost } from './loopback.js'
import {
  type App,
  type AppContext,
  type AppResponse,
  appRequest,
  type Host,
} from './scenario-host.js'

// The hosts on @crumbs/server/fetch alone, apart from Node's own adapters: the edge-runtime
// project runs the adapter contract on these (the harness serves them with @hono/node-server,
// the adapter and engine run on the edge runtime's globals).

async function runFetch(app: App, request: Request, ctx: AppContext): Promise<Response> {
  let out: AppResponse
  try {
    out = await app(appRequest(request.method, request.url), ctx)
  } catch (error) {
    return new Response(`app error: ${(error as { code?: string }).code ?? String(error)}`, {
      status: 500,
    })
  }
  // A fetch handler's headers are final once the response is returned and committed.
  if (out.after) setTimeout(out.after, 0)
  return new Response(out.body, {
    status: out.status ?? 200,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...out.headers },
  })
}

const honoServer = (
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<RunningHost> =>
  new Promise((resolve) => {
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

/** The fetch entry's hosts: Hono middleware and a plain `(Request) => Response` handler. */
export const fetchHosts: readonly Host[] = [
  {
    name: 'hono',
    start({ session, csrf }, app) {
      const server = new Hono<{ Variables: SessionVariables }>()
      if (csrf) server.use(honoCsrf())
      server.use(honoSession(session))
      server.all('*', (c) =>
        runFetch(app, c.req.raw, { session: c.get('session'), cookies: c.get('cookies') }),
      )
      return honoServer(server.fetch)
    },
  },
  {
    name: 'fetch handler',
    start({ session, csrf }, app) {
      const check = csrfProtection()
      const handler = withSession(session, (request, vars) => runFetch(app, request, vars))
      return honoServer((request) => (csrf ? check(request) : undefined) ?? handler(request))
    },
  },
]
