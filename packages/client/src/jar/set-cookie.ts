import { declarationOf } from '../internal/declaration-of.js'
import { encodeCookieText } from '../internal/encode-cookie-text.js'
import { writeCookie } from '../internal/write-cookie.js'
import type { CookieSchema, DeclaredValue, WritableName } from './cookie-schema.js'
import type { CookieWriteResult } from './cookie-write-result.js'
import type { CookieDefinitions } from './define-cookies.js'

/** Longest name plus encoded value a user agent keeps, in bytes (RFC 6265bis §5.6). */
const MAX_COOKIE_BYTES = 4096

/**
 * Writes cookie `name` with its declared attributes, percent-encoded exactly as
 * @crumbs/server writes it, and reads it back to report a write the browser refused. A value
 * the codec refuses is `invalid` and one whose name plus encoded value is over 4096 bytes
 * `too-large` (RFC 6265bis §5.6), neither written.
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
  const text = declarationOf(jar, name, true).codec.encode(value)
  const encoded = text === undefined ? undefined : encodeCookieText(text)
  if (encoded === undefined) return { ok: false, reason: 'invalid' }
  // The encoded text is ASCII, so its length is its size in bytes.
  if (name.length + encoded.length > MAX_COOKIE_BYTES) return { ok: false, reason: 'too-large' }
  if (typeof document === 'undefined') return { ok: false, reason: 'no-document' }
  return writeCookie(jar, name, text, encoded)
}
