// @crumbs/server/node: middleware for node:http and Connect.
export type { NodeCsrfOptions } from '../adapters/node/node-csrf.js'
export { csrf } from '../adapters/node/node-csrf.js'
export type {
  NodeSessionMiddleware,
  SessionRequest,
  SessionResponse,
} from '../adapters/node/node-session.js'
export { session } from '../adapters/node/node-session.js'
export type { CsrfOptions } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type { SessionOptions } from '../engine/session-options.js'
