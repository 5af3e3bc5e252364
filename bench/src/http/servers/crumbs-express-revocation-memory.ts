import { session } from '@crumbs/server/express'
import { memoryStore } from '@crumbs/server/stores/memory'
import { crumbsExpressServer } from '../express-routes.js'
import { SECRET } from '../server-module.js'

/**
 * Express 5 + crumbs sealed cookie sessions made revocable by a memory store. The session names
 * its user (`userKey: 'username'`), so every request pays the revocation read.
 */
export function createServer() {
  return crumbsExpressServer(
    session({ secret: SECRET, revocation: memoryStore(), userKey: 'username' }),
  )
}
