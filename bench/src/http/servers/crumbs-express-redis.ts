import { session } from '@crumbs/server/express'
import { redisStore } from '@crumbs/server/stores/redis'
import { type BenchRedis, connectBenchRedis } from '../bench-redis.js'
import { crumbsExpressServer } from '../express-routes.js'
import { SECRET } from '../server-module.js'

let redis: BenchRedis | undefined

/** Express 5 + crumbs store sessions in Redis, on the same node-redis client as connect-redis. */
export async function createServer() {
  redis = await connectBenchRedis()
  const store = redisStore({ client: redis.client, prefix: redis.prefix })
  return crumbsExpressServer(session({ secret: SECRET, store }))
}

/** Deletes this run's keys and closes the connection. */
export async function dispose() {
  await redis?.cleanup()
}
