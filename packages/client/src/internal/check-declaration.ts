import { CrumbsError, type CrumbsErrorCode } from '@crumbs/core'
import type { CookieDeclaration } from '../jar/cookie-schema.js'

// token = 1*tchar (RFC 9110 §5.6.2), less `%`: js-cookie percent-encodes a `%` in a name, so
// the server would see another name than the one declared.
const NAME = /^[!#$&'*+\-.^_`|~0-9A-Za-z]+$/

// av-octet = %x20-3A / %x3C-7E: any CHAR except CTLs or ";" (RFC 6265bis §4.1.1)
const AV_OCTETS = /^[\x20-\x3A\x3C-\x7E]+$/

/** Longest lifetime a user agent keeps, in seconds: 400 days (RFC 6265bis §5.6.1). */
const MAX_LIFETIME_SECONDS = 34_560_000

/**
 * Throws the {@link CrumbsError} a caller mistake in one declaration deserves, with the codes
 * @crumbs/core's serializer uses for the same RFC 6265bis rules, so a jar fails when it is
 * created rather than on a write. `details` names the cookie and, where one is at fault, the
 * `attribute` or `option`.
 */
export function checkDeclaration(name: string, declaration: CookieDeclaration): void {
  const fail = (code: CrumbsErrorCode, at?: string): never => {
    throw new CrumbsError(
      code,
      `Cookie "${name}" is declared wrongly (${code}${at ? `: ${at}` : ''}).`,
      {
        details: { name, attribute: at },
      },
    )
  }
  const lower = name.toLowerCase()
  // The session cookie is HttpOnly and the server's: declare its readable companion instead.
  // js-cookie never reads back a cookie named after an Object.prototype member.
  if (!NAME.test(name) || /^(__host-|__secure-)?session$/.test(lower) || name in Object.prototype) {
    fail('INVALID_COOKIE_NAME')
  }
  const codec = declaration?.codec
  if (typeof codec?.encode !== 'function' || typeof codec.decode !== 'function') {
    fail('INVALID_OPTION', 'codec')
  }
  // enumCodec leaves its list to the types, to stay small: a codec that lists its `values`
  // must list at least one, all strings.
  if ('values' in codec) {
    const { values } = codec as { values: unknown }
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      values.some((v) => typeof v !== 'string')
    ) {
      fail('INVALID_OPTION', 'codec')
    }
  }
  if (declaration.default !== undefined && codec.encode(declaration.default) === undefined) {
    fail('INVALID_OPTION', 'default')
  }
  const { domain, path, expires, maxAge, sameSite, priority, secure, partitioned, httpOnly } =
    declaration.attributes ?? {}
  // A script cannot set HttpOnly (RFC 6265bis §5.7): only the server can.
  if (httpOnly !== undefined) fail('INVALID_ATTRIBUTE', 'httpOnly')
  for (const [at, value] of [
    ['domain', domain],
    ['path', path],
  ] as const) {
    if (value === undefined) continue
    if (typeof value !== 'string' || !AV_OCTETS.test(value)) fail('INVALID_ATTRIBUTE', at)
    if (value.length > 1024) fail('ATTRIBUTE_TOO_LARGE', at)
  }
  if (path !== undefined && path[0] !== '/') fail('INVALID_ATTRIBUTE', 'path')
  if (expires !== undefined && !(expires instanceof Date && !Number.isNaN(expires.getTime()))) {
    fail('INVALID_ATTRIBUTE', 'expires')
  }
  if (maxAge !== undefined && !Number.isSafeInteger(maxAge)) fail('INVALID_ATTRIBUTE', 'maxAge')
  if (maxAge! > MAX_LIFETIME_SECONDS) fail('LIFETIME_TOO_LONG', 'maxAge')
  if (sameSite !== undefined && !['strict', 'lax', 'none'].includes(sameSite)) {
    fail('INVALID_ATTRIBUTE', 'sameSite')
  }
  if (priority !== undefined && !['low', 'medium', 'high'].includes(priority)) {
    fail('INVALID_ATTRIBUTE', 'priority')
  }
  if (secure !== true) {
    if (/^__(host|secure)-/.test(lower)) fail('PREFIX_REQUIRES_SECURE', 'secure')
    if (sameSite === 'none') fail('SAMESITE_NONE_REQUIRES_SECURE', 'secure')
    if (partitioned === true) fail('PARTITIONED_REQUIRES_SECURE', 'secure')
  }
  if (lower.startsWith('__host-')) {
    if (domain !== undefined) fail('HOST_PREFIX_DOMAIN', 'domain')
    if (path !== undefined && path !== '/') fail('HOST_PREFIX_PATH', 'path')
  }
}
