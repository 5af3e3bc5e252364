import { honoSession, type SessionVariables } from '@crumbs/server/hono'
import { Hono } from 'hono'
import { honoServer } from '../hono-routes.js'
import { greeting, LOGGED_IN, ROUTES, SECRET, USERNAME } from '../server-module.js'

type Data = {
  username: string
  views: number
}

/** Hono + crumbs' `honoSession` in the `signed` cookie format: compared with hono's signed cookie. */
export function createServer() {
  const app = new Hono<{ Variables: SessionVariables<Data> }>()
  app.use(honoSession({ secret: SECRET, format: 'signed' }))
  app.get(ROUTES.login, (c) => {
    const session = c.get('session')
    session.set('username', USERNAME)
    session.set('views', 0)
    return c.text(LOGGED_IN)
  })
  app.get(ROUTES.write, (c) => {
    const session = c.get('session')
    const views = (session.get('views') ?? 0) + 1
    session.set('views', views)
    return c.text(greeting(session.get('username'), views))
  })
  app.get(ROUTES.read, (c) => c.text(greeting(c.get('session').get('username'))))
  return honoServer(app)
}
