import { createHash } from 'node:crypto'
import fastifySecureSession from '@fastify/secure-session'
import { fastifyServer, getSetAccess } from '../fastify-routes.js'
import { COOKIE_NAME, SECRET } from '../server-module.js'

// secure-session takes a 32-byte key (libsodium secretbox); derived from the shared secret.
const key = createHash('sha256').update(SECRET).digest()

/** Fastify 5 + @fastify/secure-session: data encrypted into the cookie, as crumbs' sealed format. */
export function createServer() {
  return fastifyServer(async (app) => {
    await app.register(fastifySecureSession, {
      key,
      cookieName: COOKIE_NAME,
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: false },
    })
  }, getSetAccess)
}
