// @crumbs/server: the names an app uses with any adapter. Middleware lives in the adapter
// entries (/node, /express, /fastify, /koa, /fetch), stores in /stores/*, and what an adapter
// author needs in /engine.
// Session and SessionData come from @crumbs/core: merging into SessionData through this module
// (`declare module '@crumbs/server' { interface SessionData { … } }`) types every session.
export type { FlashMessage, Session, SessionData, SessionStore } from '@crumbs/core'
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
