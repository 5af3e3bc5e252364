import { createServer, type Server } from 'node:http'
import type { Session } from '@crumbs/core'
import express, { type Request, type RequestHandler } from 'express'
import { greeting, LOGGED_IN, ROUTES, USERNAME } from './server-module.js'

/** The session as one target's middleware exposes it on `req.session`. */
interface SessionView {
  read(key: 'username' | 'views'): unknown
  write(key: 'username' | 'views', value: unknown): void
}

// Several session libraries augment `Express.Request.session`; each target reads it as its own.
const sessionOf = (req: Request): unknown => (req as unknown as { session: unknown }).session

/** crumbs' `req.session`: get/set. */
const crumbsView = (req: Request): SessionView => {
  const session = sessionOf(req) as Session
  return { read: (key) => session.get(key), write: (key, value) => session.set(key, value) }
}

/** express-session's and cookie-session's `req.session`: a plain object. */
const objectView = (req: Request): SessionView => {
  const session = sessionOf(req) as Record<string, unknown>
  return {
    read: (key) => session[key],
    write: (key, value) => {
      session[key] = value
    },
  }
}

function routes(middleware: RequestHandler, view: (req: Request) => SessionView): Server {
  const app = express()
  app.use(middleware)
  app.get(ROUTES.login, (req, res) => {
    const session = view(req)
    session.write('username', USERNAME)
    session.write('views', 0)
    res.send(LOGGED_IN)
  })
  app.get(ROUTES.write, (req, res) => {
    const session = view(req)
    const views = ((session.read('views') as number | undefined) ?? 0) + 1
    session.write('views', views)
    res.send(greeting(session.read('username'), views))
  })
  app.get(ROUTES.read, (req, res) => {
    res.send(greeting(view(req).read('username')))
  })
  return createServer(app)
}

/** The three bench routes on Express behind a crumbs session middleware. */
export const crumbsExpressServer = (middleware: RequestHandler): Server =>
  routes(middleware, crumbsView)

/** The three bench routes on Express behind express-session or cookie-session. */
export const objectSessionExpressServer = (middleware: RequestHandler): Server =>
  routes(middleware, objectView)
