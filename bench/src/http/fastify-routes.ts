import type { Server } from 'node:http'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { greeting, LOGGED_IN, ROUTES, USERNAME } from './server-module.js'

/**
 * How a route reads and writes one target's `request.session`. crumbs, @fastify/session and
 * @fastify/secure-session each declare `FastifyRequest.session` with their own type, so each
 * target reads it through its own accessors (static functions: no allocation per request).
 */
export interface FastifySessionAccess {
  read(request: FastifyRequest, key: 'username' | 'views'): unknown
  write(request: FastifyRequest, key: 'username' | 'views', value: unknown): void
}

interface GetSet {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

const sessionOf = (request: FastifyRequest): GetSet =>
  (request as unknown as { session: GetSet }).session

/** `request.session.get/set`: the shape all three Fastify session plugins share. */
export const getSetAccess: FastifySessionAccess = {
  read: (request, key) => sessionOf(request).get(key),
  write: (request, key, value) => sessionOf(request).set(key, value),
}

/**
 * Fastify 5 with the three bench routes; `setup` registers the session plugin (or nothing, for
 * the bare floor). The app is made ready here, so its `server` is a plain `node:http` server the
 * host can bind.
 */
export async function fastifyServer(
  setup: (app: FastifyInstance) => Promise<void>,
  session: FastifySessionAccess | undefined,
): Promise<Server> {
  const app = Fastify()
  await setup(app)
  app.get(ROUTES.login, async (request) => {
    session?.write(request, 'username', USERNAME)
    session?.write(request, 'views', 0)
    return LOGGED_IN
  })
  app.get(ROUTES.write, async (request) => {
    if (session === undefined) return greeting(USERNAME, 1)
    const views = ((session.read(request, 'views') as number | undefined) ?? 0) + 1
    session.write(request, 'views', views)
    return greeting(session.read(request, 'username'), views)
  })
  app.get(ROUTES.read, async (request) =>
    greeting(session === undefined ? USERNAME : session.read(request, 'username')),
  )
  await app.ready()
  return app.server
}
