export type { NodeSessionMiddleware, SessionRequest, SessionResponse } from './adapters/node.js'
export { session } from './adapters/node.js'
export { csrf, verifyCsrfToken } from './adapters/node-csrf.js'
export type { CookieJar, RequestCookies, SetCookieOptions } from './engine/request-context.js'
