import Koa from 'koa'
import { koaServer } from '../koa-routes.js'

/** Koa 3 with no session: the floor Koa session targets stand on. */
export function createServer() {
  return koaServer(new Koa(), undefined, undefined)
}
