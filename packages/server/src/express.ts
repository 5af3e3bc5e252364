export type { ExpressSessionMiddleware } from './adapters/express.js'
export { session } from './adapters/express.js'
export { csrf, verifyCsrfToken } from './adapters/node-csrf.js'
export type { CookieJar, RequestCookies, SetCookieOptions } from './engine/request-context.js'
