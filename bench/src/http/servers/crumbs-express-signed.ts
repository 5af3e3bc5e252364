import { createServer as createHttpServer } from 'node:http'
import { session } from '@crumbs/server/express'
import express from 'express'
import { greeting, LOGGED_IN, ROUTES, SECRET, USERNAME } from '../server-module.js'

/** Express 5 + crumbs cookie sessions in the `signed` cookie format: compared with cookie-session. */
export function createServer() {
  const app = express()
  app.use(session({ secret: SECRET, format: 'signed' }))
  app.get(ROUTES.login, (req, res) => {
    req.session.set('username', USERNAME)
    req.session.set('views', 0)
    res.send(LOGGED_IN)
  })
  app.get(ROUTES.write, (req, res) => {
    const views = ((req.session.get('views') as number | undefined) ?? 0) + 1
    req.session.set('views', views)
    res.send(greeting(req.session.get('username'), views))
  })
  app.get(ROUTES.read, (req, res) => {
    res.send(greeting(req.session.get('username')))
  })
  return createHttpServer(app)
}
