import { createServer as createHttpServer } from 'node:http'
import type { Session } from '@crumbs/core'
import { session } from '@crumbs/server/express'
import { memoryStore } from '@crumbs/server/stores/memory'
import express, { type Request } from 'express'
import { greeting, LOGGED_IN, ROUTES, SECRET, USERNAME } from '../server-module.js'

// express-session, loaded in this package too, declares `Express.Request.session` as its own;
// this file reads it as crumbs' session.
const crumbs = (req: Request) => (req as unknown as { session: Session }).session

/** Express 5 + crumbs store sessions in the memory store: compared with express-session. */
export function createServer() {
  const app = express()
  app.use(session({ secret: SECRET, store: memoryStore() }))
  app.get(ROUTES.login, (req, res) => {
    crumbs(req).set('username', USERNAME)
    crumbs(req).set('views', 0)
    res.send(LOGGED_IN)
  })
  app.get(ROUTES.write, (req, res) => {
    const views = ((crumbs(req).get('views') as number | undefined) ?? 0) + 1
    crumbs(req).set('views', views)
    res.send(greeting(crumbs(req).get('username'), views))
  })
  app.get(ROUTES.read, (req, res) => {
    res.send(greeting(crumbs(req).get('username')))
  })
  return createHttpServer(app)
}
