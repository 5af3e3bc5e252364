import { createServer as createHttpServer } from 'node:http'
import type { Session } from '@crumbs/core'
import { session } from '@crumbs/server/express'
import { redisStore } from '@crumbs/server/stores/redis'
import express, { type Request } from 'express'
import { type BenchRedis, connectBenchRedis } from '../bench-redis.js'
import { greeting, LOGGED_IN, ROUTES, SECRET, USERNAME } from '../server-module.js'

// express-session, loaded in this package too, declares `Express.Request.session` as its own;
// this file reads it as crumbs' session.
const crumbs = (req: Request) => (req as unknown as { session: Session }).session

let redis: BenchRedis | undefined

/** Express 5 + crumbs store sessions in Redis, on the same node-redis client as connect-redis. */
export async function createServer() {
  redis = await connectBenchRedis()
  const store = redisStore({ client: redis.client, prefix: redis.prefix })
  const app = express()
  app.use(session({ secret: SECRET, store }))
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

/** Deletes this run's keys and closes the connection. */
export async function dispose() {
  await redis?.cleanup()
}
