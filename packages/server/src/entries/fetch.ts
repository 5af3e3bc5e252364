// @crumbs/server/fetch: fetch servers (Bun, Deno, workers) and Hono.
export { csrfProtection, honoCsrf } from '../adapters/fetch/fetch-csrf.js'
export type { SessionVariables } from '../adapters/fetch/with-session.js'
export { honoSession, withSession } from '../adapters/fetch/with-session.js'
export type { CsrfOptions } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type { SessionOptions } from '../engine/session-options.js'
