export { csrfProtection, honoCsrf, verifyCsrfToken } from '../adapters/fetch/fetch-csrf.js'
export type { SessionVariables } from '../adapters/fetch/with-session.js'
export { honoSession, withSession } from '../adapters/fetch/with-session.js'
export type { CookieJar, RequestCookies, SetCookieOptions } from '../engine/request-context.js'
