import { fastifyServer } from '../fastify-routes.js'

/** Fastify 5 with no session: the floor Fastify session targets stand on. */
export function createServer() {
  return fastifyServer(async () => {}, undefined)
}
