export { csrf, verifyCsrfToken } from '../adapters/node/node-csrf.js'
export type {
  NodeSessionMiddleware,
  SessionRequest,
  SessionResponse,
} from '../adapters/node/node-session.js'
export { session } from '../adapters/node/node-session.js'
export type { CookieJar, RequestCookies, SetCookieOptions } from '../engine/request-context.js'
