import session from 'express-session'
import { objectSessionExpressServer } from '../express-routes.js'
import { COOKIE_NAME, SECRET } from '../server-module.js'

/** Express 5 + express-session with its default MemoryStore. */
export function createServer() {
  return objectSessionExpressServer(
    session({ secret: SECRET, name: COOKIE_NAME, resave: false, saveUninitialized: false }),
  )
}
