import { writeCookie } from '../internal/write-cookie.js'
import type { CookieSchema, WritableName } from './cookie-schema.js'
import type { CookieWriteResult } from './cookie-write-result.js'
import type { CookieDefinitions } from './define-cookies.js'

/**
 * Expires cookie `name` through js-cookie with its declared `path`, `domain`, `secure` and
 * `partitioned`, so the removal always matches the cookie the jar wrote, and reads it back to
 * report a removal the browser refused. An undeclared or `readOnly` name is a type error, not
 * checked at run time ({@link createCookieJar} checks it).
 *
 * @example
 * removeCookie(cookies, 'cartItems')
 */
export function removeCookie<S extends CookieSchema>(
  jar: CookieDefinitions<S>,
  name: WritableName<S>,
): CookieWriteResult {
  return writeCookie(jar, name)
}
