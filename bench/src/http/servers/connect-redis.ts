import { createServer as createHttpServer } from 'node:http'
import { RedisStore } from 'connect-redis'
import express, { type Request } from 'express'
import session from 'express-session'
import { type BenchRedis, connectBenchRedis } from '../bench-redis.js'
import { COOKIE_NAME, greeting, LOGGED_IN, ROUTES, SECRET, USERNAME } from '../server-module.js'

interface Data {
  username?: string
  views?: number
}

// Several session libraries augment `Express.Request.session`; this file reads it as its own.
const data = (req: Request) => (req as unknown as { session: Data }).session

let redis: BenchRedis | undefined

/**
 * Express 5 + express-session + connect-redis 9 on node-redis 5, with connect-redis' defaults
 * (a 1-day TTL, and a touch on requests that leave the session unchanged).
 */
export async function createServer() {
  redis = await connectBenchRedis()
  const store = new RedisStore({ client: redis.client, prefix: redis.prefix })
  const app = express()
  app.use(
    session({
      secret: SECRET,
      name: COOKIE_NAME,
      store,
      resave: false,
      saveUninitialized: false,
    }),
  )
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

/** Deletes this run's keys and closes the connection. */
export async function dispose() {
  await redis?.cleanup()
}
