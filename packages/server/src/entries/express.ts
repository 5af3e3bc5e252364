// @crumbs/server/express: middleware for Express 4 and 5.
export type {
  CrumbsRequest,
  ExpressSessionMiddleware,
} from '../adapters/express/express-session.js'
export { session } from '../adapters/express/express-session.js'
export type { NodeCsrfOptions } from '../adapters/node/node-csrf.js'
export { csrf } from '../adapters/node/node-csrf.js'
export type { CsrfOptions } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type { SessionOptions } from '../engine/session-options.js'
