import { session } from '@crumbs/server/fastify'
import { fastifyServer, getSetAccess } from '../fastify-routes.js'
import { SECRET } from '../server-module.js'

/** Fastify 5 + crumbs cookie sessions in the default `sealed` format: compared with @fastify/secure-session. */
export function createServer() {
  return fastifyServer(async (app) => {
    await app.register(session({ secret: SECRET }))
  }, getSetAccess)
}
