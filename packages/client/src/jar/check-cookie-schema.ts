import { checkDeclaration } from '../internal/check-declaration.js'
import type { CookieSchema } from './cookie-schema.js'

/**
 * Checks every declaration of `schema` at run time, for plain JavaScript callers and for
 * schemas built dynamically: an invalid name (or the session cookie's), a codec without
 * `encode`/`decode`, an enum codec without a list of strings, a default the codec refuses,
 * `httpOnly`, malformed attributes and the RFC 6265bis §4.1.3 prefix, `SameSite=None` and
 * `Partitioned` rules each throw a `CrumbsError` with the code @crumbs/core's serializer uses. {@link createCookieJar} runs it; with
 * {@link defineCookies}, call it where the size does not matter (in development or a test).
 *
 * @example
 * checkCookieSchema(cookies.schema)
 */
export function checkCookieSchema(schema: CookieSchema): void {
  for (const name of Object.keys(schema)) checkDeclaration(name, schema[name]!)
}
