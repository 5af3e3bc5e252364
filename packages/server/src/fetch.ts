export type { SessionVariables } from './adapters/fetch.js'
export { honoSession, withSession } from './adapters/fetch.js'
export { csrfProtection, honoCsrf, verifyCsrfToken } from './adapters/fetch-csrf.js'
export type { CookieJar, RequestCookies, SetCookieOptions } from './engine/request-context.js'
