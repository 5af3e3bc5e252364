import { createServer as createHttpServer } from 'node:http'
import cookieSession from 'cookie-session'
import express, { type Request } from 'express'
import { COOKIE_NAME, greeting, LOGGED_IN, ROUTES, SECRET, USERNAME } from '../server-module.js'

interface Data {
  username?: string
  views?: number
}

// Several session libraries augment `Express.Request.session`; this file reads it as its own.
const data = (req: Request) => (req as unknown as { session: Data }).session

/** Express 5 + cookie-session: data in a signed cookie (plus its `.sig` cookie). */
export function createServer() {
  const app = express()
  app.use(cookieSession({ name: COOKIE_NAME, keys: [SECRET] }))
  app.get(ROUTES.login, (req, res) => {
    data(req).username = USERNAME
    data(req).views = 0
    res.send(LOGGED_IN)
  })
  app.get(ROUTES.write, (req, res) => {
    const views = (data(req).views ?? 0) + 1
    data(req).views = views
    res.send(greeting(data(req).username, views))
  })
  app.get(ROUTES.read, (req, res) => {
    res.send(greeting(data(req).username))
  })
  return createHttpServer(app)
}
