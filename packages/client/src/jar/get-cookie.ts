import { decodeDeclared } from '../internal/decode-declared.js'
import { readCookie } from '../internal/read-cookie.js'
import type { CookieSchema, CookieValue } from './cookie-schema.js'
import type { CookieDefinitions } from './define-cookies.js'

/**
 * The typed value of cookie `name` from `document.cookie`, read as @crumbs/server reads its
 * `Cookie` header; its default (or `undefined`) when it is absent, when there is no `document`,
 * or when its text is invalid, which is reported to `onInvalid`, never thrown.
 *
 * @example
 * getCookie(cookies, 'theme') // 'light' | 'dark'
 */
export function getCookie<S extends CookieSchema, N extends keyof S & string>(
  jar: CookieDefinitions<S>,
  name: N,
): CookieValue<S[N]> {
  const text = typeof document === 'undefined' ? undefined : readCookie(document.cookie, name)
  return decodeDeclared(jar, name, text) as CookieValue<S[N]>
}
