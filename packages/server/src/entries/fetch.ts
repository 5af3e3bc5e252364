// @crumbs/server/fetch: fetch servers (Bun, Deno, workers), Hono, and the request-scoped API
// (createSessions) for route handlers, actions, loaders and hooks that own no middleware.
export { errorResponse } from '../adapters/error-response.js'
export { csrfProtection, honoCsrf } from '../adapters/fetch/fetch-csrf.js'
export type { SessionVariables } from '../adapters/fetch/with-session.js'
export { honoSession, withSession } from '../adapters/fetch/with-session.js'
export type {
  SessionCommit,
  SessionScope,
  Sessions,
} from '../adapters/request-scope/create-sessions.js'
export { createSessions } from '../adapters/request-scope/create-sessions.js'
export type {
  FrameworkCookieOptions,
  FrameworkCookies,
} from '../adapters/request-scope/framework-cookies.js'
export type { RequestLike } from '../adapters/request-scope/scope-port.js'
export type { CsrfOptions } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type { SessionOptions } from '../engine/session-options.js'
