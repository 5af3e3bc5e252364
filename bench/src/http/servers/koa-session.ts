import Koa from 'koa'
import createSession from 'koa-session'
import { koaServer, objectKoaAccess } from '../koa-routes.js'
import { COOKIE_NAME, SECRET } from '../server-module.js'

/** Koa 3 + koa-session: JSON in a cookie signed by Koa's keys (plus its `.sig` cookie). */
export function createServer() {
  const app = new Koa()
  app.keys = [SECRET]
  return koaServer(app, createSession({ key: COOKIE_NAME, secure: false }, app), objectKoaAccess)
}
