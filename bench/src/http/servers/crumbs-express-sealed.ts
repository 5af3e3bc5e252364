import { session } from '@crumbs/server/express'
import { crumbsExpressServer } from '../express-routes.js'
import { SECRET } from '../server-module.js'

/**
 * Express 5 + crumbs cookie sessions in the default `sealed` format, without revocation: the
 * scale the revocable targets are divided by.
 */
export function createServer() {
  return crumbsExpressServer(session({ secret: SECRET }))
}
