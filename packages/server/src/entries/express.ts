export type { ExpressSessionMiddleware } from '../adapters/express/express-session.js'
export { session } from '../adapters/express/express-session.js'
export { csrf, verifyCsrfToken } from '../adapters/node/node-csrf.js'
export type { CookieJar, RequestCookies, SetCookieOptions } from '../engine/request-context.js'
