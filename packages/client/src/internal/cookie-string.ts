import type { ClientCookieAttributes } from '../jar/cookie-schema.js'

/**
 * The `document.cookie` assignment that writes `name` with its already encoded value and
 * declared attributes, or removes it when `encoded` is `undefined`. `Path` defaults to `/`
 * (js-cookie's default too), so a cookie set on `/a/b` is the same cookie everywhere. A removal
 * keeps what selects the cookie (`Path`, `Domain`, `Secure`, `Partitioned`) and replaces the
 * lifetime with an `Expires` in the past. Enum values are written as declared: user agents read
 * `SameSite` (RFC 6265bis §5.6.7) and `Priority` values case-insensitively.
 */
export function cookieString(
  name: string,
  encoded: string | undefined,
  attributes: ClientCookieAttributes,
): string {
  const {
    path = '/',
    domain,
    maxAge,
    expires,
    secure,
    sameSite,
    partitioned,
    priority,
  } = attributes
  let line = `${name}=${encoded ?? ''}; Path=${path}`
  if (domain !== undefined) line += `; Domain=${domain}`
  // The epoch rather than `Max-Age=0`, which some cookie jars (happy-dom's) keep for a moment.
  if (encoded === undefined) line += '; Expires=Thu, 01 Jan 1970 00:00:00 GMT'
  else {
    if (maxAge !== undefined) line += `; Max-Age=${maxAge}`
    if (expires !== undefined) line += `; Expires=${expires.toUTCString()}`
  }
  if (secure) line += '; Secure'
  if (sameSite !== undefined) line += `; SameSite=${sameSite}`
  if (partitioned) line += '; Partitioned'
  if (priority !== undefined) line += `; Priority=${priority}`
  return line
}
