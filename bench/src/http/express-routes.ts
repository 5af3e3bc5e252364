import { createServer, type Server } from 'node:http'
import type { Session } from '@crumbs/core'
import express, { type Request, type RequestHandler } from 'express'
import { greeting, LOGGED_IN, ROUTES, USERNAME } from './server-module.js'

/**
 * How a route reads and writes one target's `req.session`. Static functions, so the route adds
 * no allocation of its own to what the session library costs.
 */
interface SessionAccess {
  read(req: Request, key: 'username' | 'views'): unknown
  write(req: Request, key: 'username' | 'views', value: unknown): void
}

// Several session libraries augment `Express.Request.session`; each target reads it as its own.
const sessionOf = (req: Request): unknown => (req as unknown as { session: unknown }).session

/** crumbs' `req.session`: get/set. */
const crumbsAccess: SessionAccess = {
  read: (req, key) => (sessionOf(req) as Session).get(key),
  write: (req, key, value) => (sessionOf(req) as Session).set(key, value),
}

/** express-session's and cookie-session's `req.session`: a plain object. */
const objectAccess: SessionAccess = {
  read: (req, key) => (sessionOf(req) as Record<string, unknown>)[key],
  write: (req, key, value) => {
    ;(sessionOf(req) as Record<string, unknown>)[key] = value
  },
}

function routes(middleware: RequestHandler, session: SessionAccess): Server {
  const app = express()
  app.use(middleware)
  app.get(ROUTES.login, (req, res) => {
    session.write(req, 'username', USERNAME)
    session.write(req, 'views', 0)
    res.send(LOGGED_IN)
  })
  app.get(ROUTES.write, (req, res) => {
    const views = ((session.read(req, 'views') as number | undefined) ?? 0) + 1
    session.write(req, 'views', views)
    res.send(greeting(session.read(req, 'username'), views))
  })
  app.get(ROUTES.read, (req, res) => {
    res.send(greeting(session.read(req, 'username')))
  })
  return createServer(app)
}

/** The three bench routes on Express behind a crumbs session middleware. */
export const crumbsExpressServer = (middleware: RequestHandler): Server =>
  routes(middleware, crumbsAccess)

/** The three bench routes on Express behind express-session or cookie-session. */
export const objectSessionExpressServer = (middleware: RequestHandler): Server =>
  routes(middleware, objectAccess)
