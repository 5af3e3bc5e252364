import fastifyCookie from '@fastify/cookie'
import fastifySession from '@fastify/session'
import { fastifyServer, getSetAccess } from '../fastify-routes.js'
import { COOKIE_NAME, SECRET } from '../server-module.js'

/** Fastify 5 + @fastify/cookie + @fastify/session with its in-memory store: a signed id cookie. */
export function createServer() {
  return fastifyServer(async (app) => {
    await app.register(fastifyCookie)
    await app.register(fastifySession, {
      secret: SECRET,
      cookieName: COOKIE_NAME,
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: false },
      saveUninitialized: false,
    })
  }, getSetAccess)
}
