import { session } from '@crumbs/server/koa'
import Koa from 'koa'
import { crumbsKoaAccess, koaServer } from '../koa-routes.js'
import { SECRET } from '../server-module.js'

/** Koa 3 + crumbs cookie sessions in the `signed` format: compared with koa-session. */
export function createServer() {
  return koaServer(new Koa(), session({ secret: SECRET, format: 'signed' }), crumbsKoaAccess)
}
