// @crumbs/server/koa: middleware for Koa 3.

export type { CrumbsRequest } from '../adapters/crumbs-request.js'
export { csrf } from '../adapters/koa/koa-csrf.js'
export type { KoaSessionMiddleware } from '../adapters/koa/koa-session.js'
export { session } from '../adapters/koa/koa-session.js'
export type { NodeCsrfOptions } from '../adapters/node/node-csrf.js'
export type { CsrfOptions } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type { SessionOptions } from '../engine/session-options.js'
