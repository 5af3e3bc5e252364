import { RedisStore } from 'connect-redis'
import session from 'express-session'
import { type BenchRedis, connectBenchRedis } from '../bench-redis.js'
import { objectSessionExpressServer } from '../express-routes.js'
import { COOKIE_NAME, SECRET } from '../server-module.js'

let redis: BenchRedis | undefined

/**
 * Express 5 + express-session + connect-redis 9 on node-redis 5, with connect-redis' defaults
 * (a 1-day TTL, and a touch on requests that leave the session unchanged).
 */
export async function createServer() {
  redis = await connectBenchRedis()
  const store = new RedisStore({ client: redis.client, prefix: redis.prefix })
  return objectSessionExpressServer(
    session({
      secret: SECRET,
      name: COOKIE_NAME,
      store,
      resave: false,
      saveUninitialized: false,
    }),
  )
}

/** Deletes this run's keys and closes the connection. */
export async function dispose() {
  await redis?.cleanup()
}
