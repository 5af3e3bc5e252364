// @crumbs/server/fetch: any (Request) => Response server (Bun, Deno, workers). Its types import
// nothing from hono; Hono's middleware is @crumbs/server/hono.
export { csrfProtection } from '../adapters/fetch/fetch-csrf.js'
export type { SessionVariables } from '../adapters/fetch/with-session.js'
export { withSession } from '../adapters/fetch/with-session.js'
export type { CsrfOptions } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type { SessionOptions } from '../engine/session-options.js'
