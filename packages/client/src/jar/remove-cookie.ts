import { declarationOf } from '../internal/declaration-of.js'
import { writeCookie } from '../internal/write-cookie.js'
import type { CookieSchema, WritableName } from './cookie-schema.js'
import type { CookieWriteResult } from './cookie-write-result.js'
import type { CookieDefinitions } from './define-cookies.js'

/**
 * Expires cookie `name` with its declared `path`, `domain`, `secure` and `partitioned`, so the
 * removal always matches the cookie the jar wrote, and reads it back to report a removal the
 * browser refused.
 *
 * @example
 * removeCookie(cookies, 'cartItems')
 */
export function removeCookie<S extends CookieSchema>(
  jar: CookieDefinitions<S>,
  name: WritableName<S>,
): CookieWriteResult {
  declarationOf(jar, name, true)
  if (typeof document === 'undefined') return { ok: false, reason: 'no-document' }
  return writeCookie(jar, name, undefined, undefined)
}
