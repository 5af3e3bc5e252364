// @crumbs/server/hono: session and CSRF middleware for Hono, over the fetch adapter.
export type { SessionVariables } from '../adapters/fetch/with-session.js'
export { honoCsrf } from '../adapters/hono/hono-csrf.js'
export { honoSession } from '../adapters/hono/hono-session.js'
export type { CsrfOptions } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type { SessionOptions } from '../engine/session-options.js'
