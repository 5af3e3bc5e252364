import { browserCookies } from '../internal/browser-cookies.js'
import { writeCookie } from '../internal/write-cookie.js'
import type { CookieSchema, DeclaredValue, WritableName } from './cookie-schema.js'
import type { CookieWriteResult } from './cookie-write-result.js'
import type { CookieDefinitions } from './define-cookies.js'

/**
 * Writes cookie `name` with its declared attributes through js-cookie, percent-encoded exactly
 * as @crumbs/server writes it, and reads it back to report a write the browser refused. A
 * value the codec refuses is `invalid` and one whose name plus encoded value is over 4096
 * bytes `too-large` (RFC 6265bis §5.6), neither written. An undeclared or `readOnly` name is a
 * type error, not checked at run time ({@link createCookieJar} checks it).
 *
 * @example
 * const result = setCookie(cookies, 'theme', 'dark')
 * if (!result.ok) console.error(result.reason)
 */
export function setCookie<S extends CookieSchema, N extends WritableName<S>>(
  jar: CookieDefinitions<S>,
  name: N,
  value: DeclaredValue<S[N]>,
): CookieWriteResult {
  const text = jar.schema[name]!.codec.encode(value)
  let encoded: string | undefined
  try {
    encoded = text === undefined ? text : browserCookies.converter.write(text, name)
  } catch {
    // encodeURIComponent throws URIError, and only that, for a lone surrogate: no UTF-8 form.
  }
  if (encoded === undefined) return { ok: false, reason: 'invalid' }
  // The longest name plus value a user agent keeps (RFC 6265bis §5.6), in bytes: the encoded
  // text is ASCII, and so is a declared name.
  if (name.length + encoded.length > 4096) return { ok: false, reason: 'too-large' }
  return writeCookie(jar, name, text)
}
