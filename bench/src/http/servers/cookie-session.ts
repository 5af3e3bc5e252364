import cookieSession from 'cookie-session'
import { objectSessionExpressServer } from '../express-routes.js'
import { COOKIE_NAME, SECRET } from '../server-module.js'

/** Express 5 + cookie-session: data in a signed cookie (plus its `.sig` cookie). */
export function createServer() {
  return objectSessionExpressServer(cookieSession({ name: COOKIE_NAME, keys: [SECRET] }))
}
