import { browserCookies } from '../internal/browser-cookies.js'
import { decodeDeclared } from '../internal/decode-declared.js'
import type { CookieSchema, CookieValue } from './cookie-schema.js'
import type { CookieDefinitions } from './define-cookies.js'

/**
 * The typed value of cookie `name`, read through js-cookie as @crumbs/server reads it (for
 * any value either side writes; the README lists where foreign text differs); its default (or
 * `undefined`) when it is absent, when there is no `document`, or when its text is invalid,
 * which is reported to `onInvalid`, never thrown. An undeclared `name` is a type error, not
 * checked at run time ({@link createCookieJar} checks it).
 *
 * @example
 * getCookie(cookies, 'theme') // 'light' | 'dark'
 */
export function getCookie<S extends CookieSchema, N extends keyof S & string>(
  jar: CookieDefinitions<S>,
  name: N,
): CookieValue<S[N]> {
  return decodeDeclared(jar, name, browserCookies.get(name)) as CookieValue<S[N]>
}
