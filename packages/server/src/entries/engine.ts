// @crumbs/server/engine: what an adapter author needs to bring crumbs to another framework.
// The contract is the HttpPort an adapter implements and the RequestContext it gets back; see
// docs/architecture/adapter-contract.md.
export type { ErrorAnswer } from '../adapters/error-response.js'
export { errorAnswer, errorResponse, respondError } from '../adapters/error-response.js'
export type { CsrfOptions, CsrfRejection } from '../engine/csrf-check.js'
export { checkCsrf } from '../engine/csrf-check.js'
export type { HttpPort } from '../engine/http-port.js'
export type { RequestContext } from '../engine/request-context.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export { isSecureRequest } from '../engine/request-security.js'
export type { SessionEngine } from '../engine/session-engine.js'
export { createSessionEngine } from '../engine/session-engine.js'
export type {
  ResolvedSessionOptions,
  SessionOptions,
} from '../engine/session-options.js'
export { SESSION_DEFAULTS } from '../engine/session-options.js'
