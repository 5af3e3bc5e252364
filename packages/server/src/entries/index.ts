// @crumbs/server: the names an app uses with any adapter. Middleware lives in the adapter
// entries (/node, /express, /fetch), stores in /stores/*, and what an adapter author needs in
// /engine.
export type { CsrfOptions, CsrfRejection } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type {
  CookieSessionFormat,
  InvalidSessionEvent,
  InvalidSessionReason,
  SessionCookieOptions,
  SessionOptions,
} from '../engine/session-options.js'
