import { Hono } from 'hono'
import { honoServer } from '../hono-routes.js'
import { greeting, LOGGED_IN, ROUTES, USERNAME } from '../server-module.js'

/** Hono (on @hono/node-server) with no session: the floor Hono session targets stand on. */
export function createServer() {
  const app = new Hono()
  app.get(ROUTES.login, (c) => c.text(LOGGED_IN))
  app.get(ROUTES.write, (c) => c.text(greeting(USERNAME, 1)))
  app.get(ROUTES.read, (c) => c.text(greeting(USERNAME)))
  return honoServer(app)
}
