export type { CsrfOptions, CsrfRejection } from '../engine/csrf-check.js'
export { checkCsrf, verifyCsrfToken } from '../engine/csrf-check.js'
export type { HttpPort } from '../engine/http-port.js'
export type { CookieJar, RequestCookies, SetCookieOptions } from '../engine/request-context.js'
export { RequestContext } from '../engine/request-context.js'
export { resolveSessionOptions } from '../engine/resolve-session-options.js'
export type { SessionEngine } from '../engine/session-engine.js'
export { createSessionEngine } from '../engine/session-engine.js'
export type {
  CookieSessionFormat,
  InvalidSessionEvent,
  InvalidSessionReason,
  ResolvedSessionOptions,
  SessionCookieOptions,
  SessionOptions,
} from '../engine/session-options.js'
export { SESSION_DEFAULTS } from '../engine/session-options.js'
