import { session } from '@crumbs/server/express'
import { crumbsExpressServer } from '../express-routes.js'
import { SECRET } from '../server-module.js'

/** Express 5 + crumbs cookie sessions in the `signed` cookie format: compared with cookie-session. */
export function createServer() {
  return crumbsExpressServer(session({ secret: SECRET, format: 'signed' }))
}
