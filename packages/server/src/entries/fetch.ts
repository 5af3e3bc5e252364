// @crumbs/server/fetch: any (Request) => Response server (Bun, Deno, workers), and the
// request-scoped API (createSessions) for route handlers, actions, loaders and hooks that own no
// middleware. Its types import nothing from hono; Hono's middleware is @crumbs/server/hono.
export { errorResponse } from '../adapters/error-response.js'
export { csrfProtection } from '../adapters/fetch/fetch-csrf.js'
export type { SessionVariables } from '../adapters/fetch/with-session.js'
export { withSession } from '../adapters/fetch/with-session.js'
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
