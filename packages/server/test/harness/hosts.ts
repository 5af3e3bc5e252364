import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { Session } from '@crumbs/core'
import express from 'express'
import Fastify from 'fastify'
import Koa from 'koa'
import type { CookieJar } from '../../src/engine/request-cookies.js'
import { csrf as expressCsrf, session as expressSession } from '../../src/entries/express.js'
import { csrf as fastifyCsrf, session as fastifySession } from '../../src/entries/fastify.js'
import { csrf as koaCsrf, session as koaSession } from '../../src/entries/koa.js'
import { csrf as nodeCsrf, session as nodeSession } from '../../src/entries/node.js'
import { engineOnlyHost } from './engine-only-host.js'
import { fetchHosts } from './fetch-hosts.js'
import { listen, type RunningHost } from './loopback.js'
import { requestScopeHosts } from './request-scope-host.js'
import {
  type App,
  type AppResponse,
  appRequest,
  type Host,
  type HostOptions,
} from './scenario-host.js'

export type { RunningHost } from './loopback.js'
export type {
  App,
  AppContext,
  AppRequest,
  AppResponse,
  Host,
  HostOptions,
} from './scenario-host.js'

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
  ...fetchHosts,
  engineOnlyHost,
  ...requestScopeHosts,
]
