import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { Session } from '@crumbs/core'
import { serve } from '@hono/node-server'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import Koa from 'koa'
import type { CookieJar } from '../../src/engine/request-cookies.js'
import type { SessionOptions } from '../../src/engine/session-options.js'
import { csrf as expressCsrf, session as expressSession } from '../../src/entries/express.js'
import { csrf as fastifyCsrf, session as fastifySession } from '../../src/entries/fastify.js'
import { csrfProtection, type SessionVariables, withSession } from '../../src/entries/fetch.js'
import { honoCsrf, honoSession } from '../../src/entries/hono.js'
import { csrf as koaCsrf, session as koaSession } from '../../src/entries/koa.js'
import { csrf as nodeCsrf, session as nodeSession } from '../../src/entries/node.js'
import { engineOnlyHost } from './engine-only-host.js'
import { listen, type RunningHost } from './loopback.js'
import { requestScopeHosts } from './request-scope-host.js'

export type { RunningHost } from './loopback.js'

/** A request as the scenario apps see it, whatever the host. */
export interface AppRequest {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
}

/** What the scenario apps get from crumbs, whatever the host. */
export interface AppContext {
  readonly session: Session
  readonly cookies: CookieJar
}

export interface AppResponse {
  readonly status?: number
  readonly body: string
  /** Response headers the app sets itself (a Cache-Control of its own, say). */
  readonly headers?: Readonly<Record<string, string>>
  /** Runs once the response has gone out (to prove late changes are refused). */
  readonly after?: () => void
}

export type App = (req: AppRequest, ctx: AppContext) => AppResponse | Promise<AppResponse>

export interface HostOptions {
  readonly session: SessionOptions
  /** Put the CSRF check in front of the app. */
  readonly csrf?: boolean
}

export interface Host {
  readonly name: string
  start(options: HostOptions, app: App): Promise<RunningHost>
}

function appRequest(method: string, url: string): AppRequest {
  const parsed = new URL(url, 'http://placeholder')
  return { method, path: parsed.pathname, query: parsed.searchParams }
}

async function runNode(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ctx = {
    session: (req as IncomingMessage & { session: Session }).session,
    cookies: (req as IncomingMessage & { cookies: CookieJar }).cookies,
  }
  let out: AppResponse
  try {
    out = await app(appRequest(req.method ?? 'GET', req.url ?? '/'), ctx)
  } catch (error) {
    res.statusCode = 500
    res.end(`app error: ${(error as { code?: string }).code ?? String(error)}`)
    return
  }
  res.statusCode = out.status ?? 200
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value)
  if (out.after) res.once('finish', out.after)
  res.end(out.body)
}

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

const codeOf = (error: unknown): string => (error as { code?: string }).code ?? String(error)

/** The scenario app's answer on Fastify; failures of crumbs go to Fastify's own handling. */
async function startFastify({ session, csrf }: HostOptions, app: App): Promise<RunningHost> {
  const server = Fastify({ forceCloseConnections: true })
  if (csrf) server.addHook('onRequest', fastifyCsrf())
  await server.register(fastifySession(session))
  // The app reports what reaches Fastify's error handling; the default handler answers.
  server.addHook('onError', (_request, _reply, error, done) => {
    session.onError?.(error)
    done()
  })
  server.all('*', async (request, reply) => {
    let out: AppResponse
    try {
      out = await app(appRequest(request.method, request.url), {
        session: request.session,
        cookies: request.crumbs.cookies,
      })
    } catch (error) {
      return reply.code(500).send(`app error: ${codeOf(error)}`)
    }
    reply.code(out.status ?? 200).header('Content-Type', 'text/plain; charset=utf-8')
    reply.headers(out.headers ?? {})
    if (out.after) reply.raw.once('finish', out.after)
    return out.body
  })
  const url = await server.listen({ host: '127.0.0.1', port: 0 })
  return { url, close: () => server.close() }
}

/** The scenario app's answer on Koa; failures of crumbs go to Koa's own handling. */
function startKoa({ session, csrf }: HostOptions, app: App): Promise<RunningHost> {
  const server = new Koa()
  // The app reports what reaches Koa's error handling; Koa's default answers.
  server.on('error', (error: unknown) => session.onError?.(error))
  if (csrf) server.use(koaCsrf())
  server.use(koaSession(session))
  server.use(async (ctx) => {
    let out: AppResponse
    try {
      out = await app(appRequest(ctx.method, ctx.url), {
        session: ctx.session,
        cookies: ctx.crumbs.cookies,
      })
    } catch (error) {
      ctx.status = 500
      ctx.body = `app error: ${codeOf(error)}`
      return
    }
    ctx.status = out.status ?? 200
    ctx.set({ 'Content-Type': 'text/plain; charset=utf-8', ...out.headers })
    if (out.after) ctx.res.once('finish', out.after)
    ctx.body = out.body
  })
  return listen(http.createServer(server.callback()))
}

/** Every host crumbs supports, each serving the same scenario app. */
export const hosts: readonly Host[] = [
  {
    name: 'node:http',
    start({ session, csrf }, app) {
      const sessions = nodeSession(session)
      const check = nodeCsrf()
      const handler = sessions.wrap((req, res) => runNode(app, req, res))
      return listen(
        http.createServer((req, res) => {
          if (csrf) check(req, res, () => void handler(req, res))
          else void handler(req, res)
        }),
      )
    },
  },
  {
    name: 'connect-style',
    start({ session, csrf }, app) {
      const chain = [...(csrf ? [nodeCsrf()] : []), nodeSession(session)]
      return listen(
        http.createServer((req, res) => {
          const run = (index: number): void => {
            const middleware = chain[index]
            if (middleware === undefined) return void runNode(app, req, res)
            void middleware(req, res, (error?: unknown) => {
              if (error === undefined) return run(index + 1)
              res.statusCode = 503
              res.end(`next(error): ${(error as { code?: string }).code}`)
            })
          }
          run(0)
        }),
      )
    },
  },
  {
    name: 'express 5',
    start({ session, csrf }, app) {
      const server = express()
      if (csrf) server.use(expressCsrf())
      server.use(expressSession(session))
      server.use((req, res) => void runNode(app, req, res))
      server.use(
        (
          error: { code?: string },
          _req: express.Request,
          res: express.Response,
          _next: express.NextFunction,
        ) => {
          res
            .status(error.code === 'STORE_UNAVAILABLE' ? 503 : 500)
            .send(`express error: ${error.code}`)
        },
      )
      return listen(http.createServer(server))
    },
  },
  { name: 'fastify 5', start: startFastify },
  { name: 'koa 3', start: startKoa },
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
  engineOnlyHost,
  ...requestScopeHosts,
]
