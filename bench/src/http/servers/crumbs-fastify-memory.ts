import { session } from '@crumbs/server/fastify'
import { memoryStore } from '@crumbs/server/stores/memory'
import { fastifyServer, getSetAccess } from '../fastify-routes.js'
import { SECRET } from '../server-module.js'

/** Fastify 5 + crumbs store sessions on `memoryStore()`: compared with @fastify/session. */
export function createServer() {
  return fastifyServer(async (app) => {
    await app.register(session({ secret: SECRET, store: memoryStore() }))
  }, getSetAccess)
}
