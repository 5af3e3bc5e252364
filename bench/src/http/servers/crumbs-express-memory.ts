import { session } from '@crumbs/server/express'
import { memoryStore } from '@crumbs/server/stores/memory'
import { crumbsExpressServer } from '../express-routes.js'
import { SECRET } from '../server-module.js'

/** Express 5 + crumbs store sessions in the memory store: compared with express-session. */
export function createServer() {
  return crumbsExpressServer(session({ secret: SECRET, store: memoryStore() }))
}
